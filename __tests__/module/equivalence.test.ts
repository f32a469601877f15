/**
 * The module and the TypeScript stack agree: terraform-modules/examples/existing-vpc and its CDKTF twin
 * (fixtures/module-existing-vpc.yaml, the same inputs) plan the same resources. Compared: the resource types, and for
 * each type the multiset of planned `after` values (every known attribute, names and security settings included),
 * apart from the Lambda zip's path, which differs by design (module-relative vs the stack's assets directory).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { noticeIfTerraformMissing, planConfig, planModuleRoot, terraform, terraformRequired as required } from "../support/terraform";

noticeIfTerraformMissing("the module ↔ stack plan equivalence test");

interface Change {
  readonly type: string;
  readonly change: { readonly actions: readonly string[]; readonly after: Record<string, unknown> };
}

const sortDeep = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortDeep)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
        )
      : v;

/** type → sorted list of canonical `after` documents of the resources whose address `select` accepts. */
function planned(planJsonPath: string, select: (address: string) => boolean = () => true, ignore: readonly string[] = []): Map<string, string[]> {
  const plan = JSON.parse(readFileSync(planJsonPath, "utf8")) as { resource_changes: Array<Change & { address: string }> };
  const byType = new Map<string, string[]>();
  for (const c of plan.resource_changes.filter((r) => select(r.address))) {
    expect(c.change.actions).toEqual(["create"]);
    const { filename: _zipPath, ...after } = c.change.after;
    for (const key of ignore) delete after[key];
    byType.set(c.type, [...(byType.get(c.type) ?? []), JSON.stringify(sortDeep(after))]);
  }
  for (const list of byType.values()) list.sort();
  return byType;
}

interface Twins {
  /** The CDKTF config under fixtures/ and its stack. */
  readonly fixture: string;
  readonly stack: string;
  /** The root module under terraform-modules/. */
  readonly example: string;
  readonly selectStack?: (address: string) => boolean;
  readonly selectModule?: (address: string) => boolean;
  readonly ignore?: readonly string[];
}

/** Plans both twins offline, side by side; each as type → canonical planned resources. */
async function planTwins(twins: Twins): Promise<{ stack: Map<string, string[]>; module: Map<string, string[]> }> {
  const [fromStack, fromModule] = await Promise.all([planConfig(join(__dirname, "fixtures", twins.fixture), twins.stack), planModuleRoot(twins.example)]);
  expect(fromStack.failure?.message).toBeUndefined();
  expect(fromModule.failure?.message).toBeUndefined();
  return {
    stack: planned(fromStack.planJsonPath!, twins.selectStack, twins.ignore),
    module: planned(fromModule.planJsonPath!, twins.selectModule, twins.ignore),
  };
}

describe("module ↔ stack equivalence", () => {
  test.runIf(required && !terraform.available)("is required under CI=true", () => {
    expect(terraform.available, "terraform must be installed where CI=true").toBe(true);
  });

  describe.runIf(terraform.available)("existing-VPC deployment planned both ways", () => {
    let stack: Map<string, string[]>;
    let module: Map<string, string[]>;
    beforeAll(async () => {
      ({ stack, module } = await planTwins({ fixture: "module-existing-vpc.yaml", stack: "shared", example: "examples/existing-vpc" }));
    }, 240_000);

    test("the same resource types, the same number of each", () => {
      expect([...module.keys()].sort()).toEqual([...stack.keys()].sort());
      for (const [type, list] of stack) expect(module.get(type)?.length, type).toBe(list.length);
    });

    test("every planned resource has an identical twin (all known attributes, security settings included)", () => {
      const total = [...stack.values()].reduce((n, l) => n + l.length, 0);
      expect(total).toBeGreaterThan(150);
      for (const [type, list] of stack) expect(module.get(type), type).toEqual(list);
    });

    test("key security attributes are really in the comparison (not unknown on both sides)", () => {
      const one = (type: string) => JSON.parse(module.get(type)![0]) as Record<string, unknown>;
      expect(one("aws_db_instance")).toMatchObject({ storage_encrypted: true, publicly_accessible: false, deletion_protection: true, multi_az: true });
      expect(one("aws_efs_file_system")).toMatchObject({ encrypted: true });
      expect(one("aws_lb")).toMatchObject({ drop_invalid_header_fields: true, enable_deletion_protection: true, internal: false });
      expect(module.get("aws_lb_listener")!.map((l) => JSON.parse(l).ssl_policy)).toContain("ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
    });
  });

  describe.runIf(terraform.available)("network module ↔ network tier (examples/complete's network call and its twin)", () => {
    let stack: Map<string, string[]>;
    let module: Map<string, string[]>;
    beforeAll(async () => {
      ({ stack, module } = await planTwins({
        fixture: "module-network.yaml",
        stack: "production",
        example: "examples/complete",
        selectStack: (a) => /^aws_[a-z0-9_]+\.network_/.test(a),
        selectModule: (a) => a.startsWith("module.network."),
        // provider default tags differ between the two roots by design; each resource's own tags are compared
        ignore: ["tags_all"],
      }));
    }, 240_000);

    test("three zones, NAT per zone, flow logs and the S3 endpoint: the same resources with the same attributes", () => {
      expect(module.get("aws_subnet")).toHaveLength(9);
      expect(module.get("aws_nat_gateway")).toHaveLength(3);
      expect([...module.keys()].sort()).toEqual([...stack.keys()].sort());
      for (const [type, list] of stack) expect(module.get(type), type).toEqual(list);
    });
  });
});
