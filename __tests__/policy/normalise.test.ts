// How the engine reads what scanners trip over: block shapes, JSON strings, references (security-rules §1).
import { describe, expect, it } from "vitest";
import { createContext } from "../../src/policy/context";
import { loadPlanJson } from "../../src/policy/load-plan";
import { loadSynthJson } from "../../src/policy/load-synth";
import { isUnknown } from "../../src/policy/model";
import { evaluate } from "../../src/policy/engine";

const synth = (resource: object, data?: object) => createContext(loadSynthJson({ resource, ...(data ? { data } : {}) }));

describe("nested blocks", () => {
  it("turns a single block object into a one-element array, keeps arrays, and leaves maps alone", () => {
    const ctx = synth({
      aws_lb: {
        as_object: { access_logs: { bucket: "logs", enabled: true }, tags: { team: "bi" } },
        as_array: { access_logs: [{ bucket: "logs", enabled: true }] },
      },
    });
    expect(ctx.get("aws_lb.as_object")?.values.access_logs).toEqual([{ bucket: "logs", enabled: true }]);
    expect(ctx.get("aws_lb.as_array")?.values.access_logs).toEqual([{ bucket: "logs", enabled: true }]);
    expect(ctx.get("aws_lb.as_object")?.values.tags).toEqual({ team: "bi" });
  });

  it("normalises blocks nested in blocks and drops the CDKTF metadata key", () => {
    const ctx = synth({
      aws_ecs_cluster: { c: { "//": { metadata: { path: "x" } }, configuration: { execute_command_configuration: { logging: "DEFAULT" } } } },
    });
    const c = ctx.get("aws_ecs_cluster.c");
    expect(c?.values).toEqual({ configuration: [{ execute_command_configuration: [{ logging: "DEFAULT" }] }] });
  });

  it("accepts hcl2json's array-of-bodies form", () => {
    const stack = loadSynthJson({ resource: { aws_vpc: { main: [{ cidr_block: "10.0.0.0/16" }] } } });
    expect(createContext(stack).get("aws_vpc.main")?.values.cidr_block).toBe("10.0.0.0/16");
  });
});

describe("JSON-string attributes", () => {
  it("parses JSON text, keeping references inside it followable", () => {
    const ctx = synth({
      aws_cloudwatch_log_group: { app: { name: "/ecs/app" } },
      aws_ecs_task_definition: {
        td: {
          container_definitions: JSON.stringify([{ name: "a", logConfiguration: { options: { "awslogs-group": "${aws_cloudwatch_log_group.app.name}" } } }]),
        },
      },
    });
    const td = ctx.get("aws_ecs_task_definition.td");
    expect(Array.isArray(td?.values.container_definitions)).toBe(true);
    expect(ctx.referencesTo(ctx.get("aws_cloudwatch_log_group.app")!).map((r) => r.address)).toEqual(["aws_ecs_task_definition.td"]);
  });

  it("evaluates ${jsonencode({...})} with bare and templated references", () => {
    const ctx = synth({
      aws_s3_bucket: { b: {} },
      aws_s3_bucket_policy: {
        p: {
          bucket: "${aws_s3_bucket.b.id}",
          policy:
            '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Deny", "Principal" = "*", "Action" = "s3:*", "Resource" = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"], "Condition" = {"Bool" = {"aws:SecureTransport" = "false"}}}]})}',
        },
      },
    });
    const policy = ctx.get("aws_s3_bucket_policy.p")?.values.policy;
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });

  it("renders a data.aws_iam_policy_document reference as IAM JSON", () => {
    const ctx = synth(
      { aws_iam_policy: { p: { policy: "${data.aws_iam_policy_document.d.json}" } } },
      {
        aws_iam_policy_document: {
          d: {
            statement: {
              actions: ["s3:GetObject"],
              resources: ["${aws_s3_bucket.b.arn}/*"],
              principals: { type: "AWS", identifiers: ["arn:aws:iam::123456789012:role/x"] },
              condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["true"] }],
            },
          },
        },
      },
    );
    expect(ctx.get("aws_iam_policy.p")?.values.policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: ["${aws_s3_bucket.b.arn}/*"],
          Principal: { AWS: ["arn:aws:iam::123456789012:role/x"] },
          Condition: { Bool: { "aws:SecureTransport": ["true"] } },
        },
      ],
    });
    // the policy still counts as a reference to the data source
    expect(ctx.referencesTo(ctx.get("data.aws_iam_policy_document.d")!).map((r) => r.address)).toEqual(["aws_iam_policy.p"]);
  });

  it("reports unresolvable documents as Unknown with a reason", () => {
    const ctx = synth({ aws_iam_policy: { v: { policy: "${var.policy}" }, bad: { policy: "{not json" }, fn: { policy: '${file("p.json")}' } } });
    for (const address of ["aws_iam_policy.v", "aws_iam_policy.bad", "aws_iam_policy.fn"]) {
      const policy = ctx.get(address)?.values.policy;
      expect(isUnknown(policy), address).toBe(true);
    }
  });
});

describe("references", () => {
  const ctx = synth({
    aws_vpc: { main: {} },
    aws_subnet: { a: { vpc_id: "${aws_vpc.main.id}", count: 2 } },
    aws_flow_log: { f: { vpc_id: "${aws_vpc.main.id}" } },
    aws_route_table_association: { x: { subnet_id: "${element(aws_subnet.a.*.id, 0)}" } },
  });

  it("resolves a whole ${type.name.attr} to the resource and attribute", () => {
    const ref = ctx.resolve("${aws_vpc.main.id}");
    expect(ref?.resource?.address).toBe("aws_vpc.main");
    expect(ref?.attribute).toBe("id");
  });

  it("expands a literal count into instances; an indexed reference finds its instance", () => {
    expect(ctx.resolve("${aws_subnet.a[1].id}")?.resource?.address).toBe("aws_subnet.a[1]");
    expect(ctx.get("aws_subnet.a")).toBeUndefined();
  });

  it("finds references inside function calls (a splat stands for every instance), and who references a resource", () => {
    expect(ctx.references("${element(aws_subnet.a.*.id, 0)}").map((r) => r.resource?.address)).toEqual(["aws_subnet.a[0]", "aws_subnet.a[1]"]);
    // a whole splat is not one resource
    expect(ctx.resolve("${aws_subnet.a[*].id}")?.resource).toBeUndefined();
    expect(
      ctx
        .referencesTo(ctx.get("aws_vpc.main")!)
        .map((r) => r.address)
        .sort(),
    ).toEqual(["aws_flow_log.f", "aws_subnet.a[0]", "aws_subnet.a[1]"]);
    expect(ctx.referencesTo(ctx.get("aws_vpc.main")!, "aws_flow_log").map((r) => r.address)).toEqual(["aws_flow_log.f"]);
  });

  it("keeps var., local. and unknown addresses as unresolved references", () => {
    expect(ctx.resolve("${var.vpc_id}")).toEqual({ expression: "var.vpc_id" });
    expect(ctx.resolve("${aws_vpc.other.id}")?.resource).toBeUndefined();
    expect(ctx.resolve("plain string")).toBeUndefined();
  });
});

describe("plan JSON", () => {
  // terraform show -json: the flow log's vpc_id is unknown in planned values; only configuration has the link.
  const plan = {
    format_version: "1.2",
    planned_values: {
      root_module: {
        resources: [
          { address: "aws_vpc.main", mode: "managed", type: "aws_vpc", name: "main", values: { cidr_block: "10.0.0.0/16" } },
          {
            address: "aws_flow_log.f",
            mode: "managed",
            type: "aws_flow_log",
            name: "f",
            values: { traffic_type: "ALL", log_destination_type: "cloud-watch-logs" },
          },
        ],
        child_modules: [
          {
            address: "module.net",
            resources: [
              { address: "module.net.aws_subnet.a[0]", mode: "managed", type: "aws_subnet", name: "a", index: 0, values: { map_public_ip_on_launch: false } },
            ],
          },
        ],
      },
    },
    resource_changes: [
      { address: "aws_flow_log.f", change: { after_unknown: { vpc_id: true, log_destination: true, arn: true } } },
      { address: "module.net.aws_subnet.a[0]", change: { after_unknown: { vpc_id: true } } },
    ],
    configuration: {
      root_module: {
        resources: [
          { address: "aws_vpc.main", mode: "managed", type: "aws_vpc", name: "main", expressions: { cidr_block: { constant_value: "10.0.0.0/16" } } },
          {
            address: "aws_flow_log.f",
            mode: "managed",
            type: "aws_flow_log",
            name: "f",
            expressions: {
              vpc_id: { references: ["aws_vpc.main.id", "aws_vpc.main"] },
              log_destination: { references: ["aws_cloudwatch_log_group.x.arn", "aws_cloudwatch_log_group.x"] },
            },
          },
        ],
        module_calls: {
          net: {
            module: {
              resources: [
                {
                  address: "aws_subnet.a",
                  mode: "managed",
                  type: "aws_subnet",
                  name: "a",
                  expressions: { vpc_id: { references: ["aws_vpc.this.id", "aws_vpc.this"] }, availability_zone: { references: ["var.zone"] } },
                },
              ],
            },
          },
        },
      },
    },
  };

  it("links through configuration references when planned values are unknown", () => {
    const ctx = createContext(loadPlanJson(plan));
    const flowLog = ctx.get("aws_flow_log.f");
    expect(flowLog?.values.vpc_id).toBe("${aws_vpc.main.id}");
    expect(ctx.referencesTo(ctx.get("aws_vpc.main")!).map((r) => r.address)).toEqual(["aws_flow_log.f"]);
    expect(evaluate(loadPlanJson(plan), { only: ["PI-NET-001"] }).rules[0].results).toEqual([
      expect.objectContaining({ address: "aws_vpc.main", status: "PASS" }),
    ]);
  });

  it("prefixes module references and keeps child-module addresses", () => {
    const ctx = createContext(loadPlanJson(plan));
    expect(ctx.get("module.net.aws_subnet.a[0]")?.values.vpc_id).toBe("${module.net.aws_vpc.this.id}");
  });

  it("a variable reference links nothing: the planned value stays (Unknown when known only after apply)", () => {
    const subnet = createContext(loadPlanJson(plan)).get("module.net.aws_subnet.a[0]");
    expect(subnet?.values.availability_zone).toBeUndefined();
    expect(subnet?.values.map_public_ip_on_launch).toBe(false);
  });

  it("marks values known only after apply as Unknown, never as absent", () => {
    const unlinked = { ...plan, configuration: { root_module: { resources: [] } } };
    const ctx = createContext(loadPlanJson(unlinked));
    expect(isUnknown(ctx.get("aws_flow_log.f")?.values.vpc_id)).toBe(true);
    const report = evaluate(loadPlanJson(unlinked), { only: ["PI-NET-001"] });
    expect(report.rules[0].results[0].status).toBe("UNKNOWN"); // the flow log may or may not be this VPC's
  });
});
