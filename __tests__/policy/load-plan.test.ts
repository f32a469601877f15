/** Plans of module calls: what the plan loader keeps concrete, and what it must not mistake for a finding. */
import { describe, expect, test } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { loadPlanJson } from "../../src/policy/load-plan";

const managed = (address: string, type: string, values: Record<string, unknown>) => ({
  address,
  mode: "managed",
  type,
  name: address.split(".").at(-1),
  values,
});

// A module's ALB whose subnets come from a variable, and NAT/IGW routes whose computed target ids are unknown.
const plan = loadPlanJson({
  format_version: "1.2",
  planned_values: {
    root_module: {
      child_modules: [
        {
          address: "module.app",
          resources: [
            managed("module.app.aws_lb.alb", "aws_lb", { name: "alb", subnets: ["subnet-a", "subnet-b"] }),
            managed("module.app.aws_route.app", "aws_route", { destination_cidr_block: "0.0.0.0/0" }),
            managed("module.app.aws_route.public", "aws_route", { destination_cidr_block: "0.0.0.0/0" }),
            managed("module.app.aws_nat_gateway.nat", "aws_nat_gateway", {}),
            managed("module.app.aws_internet_gateway.igw", "aws_internet_gateway", {}),
          ],
        },
      ],
    },
  },
  resource_changes: [
    {
      address: "module.app.aws_route.app",
      change: { actions: ["create"], after_unknown: { nat_gateway_id: true, instance_id: true, network_interface_id: true } },
    },
    {
      address: "module.app.aws_route.public",
      change: { actions: ["create"], after_unknown: { gateway_id: true, instance_id: true, network_interface_id: true } },
    },
  ],
  configuration: {
    root_module: {
      module_calls: {
        app: {
          module: {
            resources: [
              { address: "aws_lb.alb", expressions: { subnets: { references: ["var.public_subnet_ids"] } } },
              { address: "aws_route.app", expressions: { nat_gateway_id: { references: ["aws_nat_gateway.nat.id", "aws_nat_gateway.nat"] } } },
              { address: "aws_route.public", expressions: { gateway_id: { references: ["aws_internet_gateway.igw.id", "aws_internet_gateway.igw"] } } },
            ],
          },
        },
      },
    },
  },
});
const body = (address: string) => plan.resources.find((r) => r.address === address)!.body as Record<string, unknown>;

describe("loading a plan with module calls", () => {
  test("a reference to a variable does not replace the concrete planned value", () => {
    expect(body("module.app.aws_lb.alb").subnets).toEqual(["subnet-a", "subnet-b"]);
  });

  test("resource references inside a module are prefixed with the module's address", () => {
    expect(body("module.app.aws_route.app").nat_gateway_id).toBe("${module.app.aws_nat_gateway.nat.id}");
  });

  test("routes to a NAT or internet gateway are not NAT instances because their computed instance ids are unknown", () => {
    const results = evaluate(plan, { only: ["PI-NET-004"] }).rules[0].results;
    expect(results.filter((r) => r.status === "FAIL").map((r) => r.message)).toEqual([]);
  });
});

// `terraform show -json` has no lifecycle anywhere (configuration holds expressions only): a plan alone cannot tell
// whether create_before_destroy is set, so PI-ACM-001 must not fail it as absent.
describe("configuration-only settings in a plan", () => {
  const certificate = loadPlanJson({
    format_version: "1.2",
    planned_values: {
      root_module: {
        child_modules: [
          {
            address: "module.edge",
            resources: [managed("module.edge.aws_acm_certificate.this", "aws_acm_certificate", { domain_name: "pi.example.com", validation_method: "DNS" })],
          },
        ],
      },
    },
    configuration: {
      root_module: {
        module_calls: {
          edge: {
            module: {
              resources: [
                {
                  address: "aws_acm_certificate.this",
                  expressions: { domain_name: { constant_value: "pi.example.com" }, validation_method: { constant_value: "DNS" } },
                },
              ],
            },
          },
        },
      },
    },
  });

  test("lifecycle.create_before_destroy is UNKNOWN from a plan alone, never FAIL as absent", () => {
    const [result] = evaluate(certificate, { only: ["PI-ACM-001"] }).rules[0].results;
    expect(result).toMatchObject({ address: "module.edge.aws_acm_certificate.this", status: "UNKNOWN" });
    expect(result.message).toMatch(/create_before_destroy.*configuration only/);
  });
});
