import { describe, expect, test } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { withSource } from "../../src/policy/load-plan-with-source";
import { loadPlanJson } from "../../src/policy/load-plan";
import { loadSynthJson } from "../../src/policy/load-synth";

// A certificate and a role policy as cdktf synthesises them, and as `terraform show -json` plans them.
const source = loadSynthJson({
  resource: {
    aws_acm_certificate: { cert: { domain_name: "bi.example.com", validation_method: "DNS", lifecycle: { create_before_destroy: true } } },
    aws_cloudwatch_log_group: { logs: { name: "/x", retention_in_days: 365 } },
    aws_iam_role_policy: {
      write: {
        role: "r",
        policy:
          '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["logs:*"], "Resource" = [aws_cloudwatch_log_group.logs.arn]}]})}',
      },
    },
  },
});
const plan = loadPlanJson({
  format_version: "1.2",
  planned_values: {
    root_module: {
      resources: [
        {
          address: "aws_acm_certificate.cert",
          mode: "managed",
          type: "aws_acm_certificate",
          name: "cert",
          values: { domain_name: "bi.example.com", validation_method: "DNS" },
        },
        {
          address: "aws_cloudwatch_log_group.logs",
          mode: "managed",
          type: "aws_cloudwatch_log_group",
          name: "logs",
          values: { name: "/x", retention_in_days: 365 },
        },
        { address: "aws_iam_role_policy.write", mode: "managed", type: "aws_iam_role_policy", name: "write", values: { role: "r" } },
      ],
    },
  },
  resource_changes: [
    { address: "aws_acm_certificate.cert", change: { actions: ["create"], after_unknown: { arn: true } } },
    { address: "aws_cloudwatch_log_group.logs", change: { actions: ["create"], after_unknown: { arn: true } } },
    { address: "aws_iam_role_policy.write", change: { actions: ["create"], after_unknown: { policy: true, id: true } } },
  ],
  configuration: {
    root_module: {
      resources: [
        {
          address: "aws_iam_role_policy.write",
          expressions: { policy: { references: ["aws_cloudwatch_log_group.logs.arn", "aws_cloudwatch_log_group.logs"] } },
        },
      ],
    },
  },
});

describe("a plan judged with its source", () => {
  const statusOf = (stack: Parameters<typeof evaluate>[0], rule: string) => evaluate(stack, { only: [rule] }).rules[0].status;

  test("alone, a plan cannot see lifecycle settings or policies built from ARNs: both are UNKNOWN, not failures", () => {
    expect(statusOf(plan, "PI-ACM-001")).toBe("UNKNOWN");
    expect(statusOf(plan, "PI-IAM-002")).toBe("UNKNOWN");
  });

  test("with its source, the lifecycle and the policy expression are judged like the synthesised stack", () => {
    const merged = withSource(plan, source);
    expect(statusOf(merged, "PI-ACM-001")).toBe("PASS");
    expect(statusOf(merged, "PI-IAM-002")).toBe("FAIL"); // logs:* is a service-wide wildcard
    expect(statusOf(merged, "PI-IAM-002")).toBe(statusOf(source, "PI-IAM-002"));
  });

  test("known plan values win over the source; unknowns the source does not set are dropped", () => {
    const changed = loadSynthJson({ resource: { aws_cloudwatch_log_group: { logs: { name: "/x", retention_in_days: 1 } } } });
    const merged = withSource(plan, changed);
    const logs = merged.resources.find((r) => r.address === "aws_cloudwatch_log_group.logs")!;
    expect(logs.body.retention_in_days).toBe(365);
    expect("arn" in logs.body).toBe(false);
  });

  test("an instance of a for_each block takes its own instance of the source, which knows its lifecycle", () => {
    const keyed = loadSynthJson({
      resource: {
        aws_acm_certificate: {
          cert: {
            for_each: '${toset(["a.example.com", "b.example.com"])}',
            domain_name: "${each.value}",
            validation_method: "DNS",
            lifecycle: { create_before_destroy: true },
          },
        },
      },
    });
    expect(keyed.resources.map((r) => r.address)).toEqual(['aws_acm_certificate.cert["a.example.com"]', 'aws_acm_certificate.cert["b.example.com"]']);
    const planned = loadPlanJson({
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: ["a", "b"].map((k) => ({
            address: `aws_acm_certificate.cert["${k}.example.com"]`,
            mode: "managed",
            type: "aws_acm_certificate",
            name: "cert",
            index: `${k}.example.com`,
            values: { domain_name: `${k}.example.com`, validation_method: "DNS" },
          })),
        },
      },
    });
    expect(statusOf(planned, "PI-ACM-001")).toBe("UNKNOWN");
    expect(statusOf(withSource(planned, keyed), "PI-ACM-001")).toBe("PASS");
  });
});
