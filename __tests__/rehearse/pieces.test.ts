/** The rehearsal's pure pieces: endpoints per resource type, override files, the gap list's rules, terraform output. */
import { describe, expect, test } from "vitest";
import { endpointsFor } from "../../src/rehearse/endpoints";
import { applyErrorExcused, excusedBy, gapProblems, loadGaps, plannedChanges, type EmulatorGaps } from "../../src/rehearse/gaps";
import { protectionsSwitched, rootOverride, unprotectOverride } from "../../src/rehearse/override";
import { errorsOf, stillInFlight } from "../../src/rehearse/terraform-run";
import { synthEnvironment } from "../support/synth";

describe("endpoints", () => {
  test("every resource type of a synthesised stack has an emulator endpoint", () => {
    const { json } = synthEnvironment({ compute: { pirana: { enabled: true } } });
    const keys = endpointsFor(Object.keys(json.resource ?? {}));
    expect(keys).toEqual(expect.arrayContaining(["acm", "ec2", "ecs", "efs", "elbv2", "iam", "kms", "lambda", "logs", "rds", "route53", "s3", "sts"]));
  });
  test("a type the table does not know is an error naming it", () => {
    expect(() => endpointsFor(["aws_vpc", "aws_msk_cluster"])).toThrow(/aws_msk_cluster.*src\/rehearse\/endpoints\.ts/);
  });
});

describe("override files", () => {
  const resources = {
    aws_route53_record: { a: { zone_id: "ZCONFIGURED", name: "bi.example.com" }, b: { zone_id: "${aws_route53_zone.x.id}" } },
    aws_ecs_service: { dashboard: { wait_for_steady_state: true } },
    aws_db_instance: { db: { deletion_protection: true, lifecycle: { prevent_destroy: true } } },
    aws_s3_bucket: { logs: { force_destroy: false }, open: { force_destroy: true } },
    aws_lb: { alb: { enable_deletion_protection: true } },
  };
  const override = rootOverride({
    endpoint: "http://127.0.0.1:1",
    resourceTypes: Object.keys(resources),
    resources,
    moduleCalls: { app: { source: "../..", hosted_zone_id: "ZCONFIGURED" }, other: { source: "x" } },
    zones: new Map([["ZCONFIGURED", "ZEMULATOR"]]),
    localBackend: true,
  }) as any;

  test("points every used service at the emulator with dummy credentials and no allow-list", () => {
    expect(override.provider.aws).toMatchObject({ access_key: "rehearsal", allowed_account_ids: null, skip_credentials_validation: true });
    expect(Object.values(override.provider.aws.endpoints[0])).toEqual(expect.arrayContaining(["http://127.0.0.1:1"]));
    expect(Object.keys(override.provider.aws.endpoints[0]).sort()).toEqual(["ecs", "elbv2", "rds", "route53", "s3", "sts"]);
  });
  test("replaces only the configured zone id, in resources and module calls", () => {
    expect(override.resource.aws_route53_record).toEqual({ a: { zone_id: "ZEMULATOR" } });
    expect(override.module).toEqual({ app: { hosted_zone_id: "ZEMULATOR" } });
  });
  test("ECS services do not wait for tasks; state is local", () => {
    expect(override.resource.aws_ecs_service).toEqual({ dashboard: { wait_for_steady_state: false } });
    expect(override.terraform).toEqual({ backend: { local: { path: "terraform.tfstate" } } });
  });
  test("unprotecting switches exactly the protections that are on", () => {
    const unprotect = unprotectOverride(resources) as any;
    expect(unprotect.resource).toEqual({
      aws_db_instance: { db: { deletion_protection: false, lifecycle: { prevent_destroy: false } } },
      aws_lb: { alb: { enable_deletion_protection: false } },
      aws_s3_bucket: { logs: { force_destroy: true } },
    });
    expect(protectionsSwitched(unprotect)).toEqual([
      "aws_db_instance.db: deletion_protection, prevent_destroy",
      "aws_lb.alb: enable_deletion_protection",
      "aws_s3_bucket.logs: force_destroy",
    ]);
    expect(unprotectOverride({ aws_vpc: { v: { cidr_block: "10.0.0.0/16" } } })).toBeUndefined();
  });
  test("HCL blocks (one-element lists from hcl2json) are read too", () => {
    expect(unprotectOverride({ aws_efs_file_system: { fs: { lifecycle: [{ prevent_destroy: true }] } } })).toEqual({
      resource: { aws_efs_file_system: { fs: { lifecycle: { prevent_destroy: false } } } },
    });
  });
});

describe("the emulator gap list", () => {
  const gaps: EmulatorGaps = {
    emulator: "moto",
    replan: [{ resourceType: "aws_thing", attributes: ["a", "b"], emulator: "drops a and b", why: "AWS returns them" }],
    apply: [{ resourceType: "aws_thing", error: "api error NotImplemented: StatusCode: 501, the emulator lacks X", why: "not implemented" }],
  };
  test("the checked-in list is valid", () => {
    expect(gapProblems(loadGaps())).toEqual([]);
  });
  test("a provider-side error can never be listed", () => {
    const bad = { ...gaps, apply: [{ resourceType: "aws_ecs_task_definition", error: "json: cannot unmarshal number into Go struct field", why: "x" }] };
    expect(gapProblems(bad)).toEqual([expect.stringMatching(/apply\[0\]\.error is not an AWS API response/)]);
  });
  test("a change is excused only when every changed attribute is listed and it is an update", () => {
    expect(excusedBy({ address: "aws_thing.x", type: "aws_thing", actions: ["update"], attributes: ["a"] }, gaps)).toHaveLength(1);
    expect(excusedBy({ address: "aws_thing.x", type: "aws_thing", actions: ["update"], attributes: ["a", "c"] }, gaps)).toBeUndefined();
    expect(excusedBy({ address: "aws_thing.x", type: "aws_thing", actions: ["delete", "create"], attributes: ["a"] }, gaps)).toBeUndefined();
    expect(excusedBy({ address: "aws_other.x", type: "aws_other", actions: ["update"], attributes: ["a"] }, gaps)).toBeUndefined();
  });
  test("an apply error is excused only by a listed error text", () => {
    expect(applyErrorExcused("creating aws_thing.x: api error NotImplemented: StatusCode: 501, the emulator lacks X", gaps)).toBeDefined();
    expect(applyErrorExcused("creating aws_thing.x: StatusCode: 400, InvalidParameter", gaps)).toBeUndefined();
  });
  test("planned changes name the attributes that differ or become unknown", () => {
    const plan = {
      resource_changes: [
        { address: "aws_a.x", type: "aws_a", change: { actions: ["no-op"], before: { v: 1 }, after: { v: 1 } } },
        {
          address: "aws_b.y",
          type: "aws_b",
          change: { actions: ["update"], before: { v: 1, w: 2, t: "s" }, after: { v: 2, w: 2, t: null }, after_unknown: { t: true } },
        },
      ],
    };
    expect(plannedChanges(plan)).toEqual([{ address: "aws_b.y", type: "aws_b", actions: ["update"], attributes: ["t", "v"] }]);
  });
});

describe("terraform output", () => {
  const output = [
    "aws_vpc.a: Creating...",
    "aws_backup_selection.s: Creating...",
    "aws_vpc.a: Creation complete after 1s [id=vpc-1]",
    "aws_backup_selection.s: Still creating... [10s elapsed]",
    "aws_db_instance.d: Modifying... [id=db-1]",
    "",
    "│ Error: creating ECS Task Definition (app): ClientException: invalid",
    "│ ",
    "│   with aws_ecs_task_definition.app,",
    "│   on main.tf.json line 1:",
    "╵",
  ].join("\n");
  test("resources still in flight are those never reported complete", () => {
    expect(stillInFlight(output)).toEqual(["aws_backup_selection.s", "aws_db_instance.d"]);
  });
  test("each Error block becomes one line with its resource", () => {
    expect(errorsOf(output)).toEqual([
      "creating ECS Task Definition (app): ClientException: invalid with aws_ecs_task_definition.app, on main.tf.json line 1:",
    ]);
  });
});
