import { describe, expect, test } from "vitest";
import { BASE_ENVIRONMENT, ref, resourcesOf, synthEnvironment, type TerraformJson } from "../support/synth";

const withWaf = (waf: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  synthEnvironment({ edge: { ...BASE_ENVIRONMENT.edge, waf }, ...extra }).json;

function webAcl(json: TerraformJson): [string, Record<string, any>] {
  const acls = resourcesOf(json, "aws_wafv2_web_acl");
  expect(acls).toHaveLength(1);
  return acls[0];
}

const ruleNamed = (acl: Record<string, any>, name: string) => {
  const rule = (acl.rule as Array<Record<string, any>>).find((r) => r.name === name);
  expect(rule, name).toBeDefined();
  return rule!;
};

describe("Edge tier: WAF", () => {
  test("on by default in protect, off by default in ephemeral, and an explicit switch wins", () => {
    expect(resourcesOf(withWaf({}), "aws_wafv2_web_acl")).toHaveLength(1);
    const ephemeral = withWaf({}, { lifecycle: "ephemeral" });
    for (const type of ["aws_wafv2_web_acl", "aws_wafv2_web_acl_association", "aws_wafv2_web_acl_logging_configuration"]) {
      expect(resourcesOf(ephemeral, type), type).toEqual([]);
    }
    expect(resourcesOf(withWaf({ enabled: true }, { lifecycle: "ephemeral" }), "aws_wafv2_web_acl")).toHaveLength(1);
    expect(resourcesOf(withWaf({ enabled: false }), "aws_wafv2_web_acl")).toEqual([]);
  });

  test("a REGIONAL web ACL that allows by default, with metrics and sampled requests on", () => {
    const [, acl] = webAcl(withWaf({ enabled: true }));
    expect(acl).toMatchObject({
      scope: "REGIONAL",
      default_action: { allow: {} },
      visibility_config: { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: "pi-test-web-acl" },
    });
    for (const rule of acl.rule) {
      expect(rule.visibility_config, rule.name).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
    }
    expect(new Set(acl.rule.map((r: any) => r.priority)).size).toBe(acl.rule.length);
  });

  test("AWS managed Common, Known Bad Inputs and IP Reputation rule sets, enforced (override none)", () => {
    const [, acl] = webAcl(withWaf({ enabled: true }));
    for (const group of ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]) {
      const rule = ruleNamed(acl, group);
      expect(rule.override_action).toEqual({ none: {} });
      expect(rule.action).toBeUndefined();
      expect(rule.statement.managed_rule_group_statement).toMatchObject({ vendor_name: "AWS", name: group });
    }
    // Known Bad Inputs (Log4JRCE and friends) runs with no rule switched to count.
    expect(ruleNamed(acl, "AWSManagedRulesKnownBadInputsRuleSet").statement.managed_rule_group_statement.rule_action_override).toBeUndefined();
  });

  test("a per-IP rate limit that blocks, first in line, from config (5000 per 5 minutes by default)", () => {
    const rule = ruleNamed(webAcl(withWaf({ enabled: true }))[1], "rate-limit-per-ip");
    expect(rule).toMatchObject({
      priority: 0,
      action: { block: {} },
      statement: { rate_based_statement: { limit: 5000, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
    });
    const custom = ruleNamed(webAcl(withWaf({ enabled: true, rateLimit: 1200 }))[1], "rate-limit-per-ip");
    expect(custom.statement.rate_based_statement.limit).toBe(1200);
  });

  test("only the configured Common rules count instead of block (SizeRestrictions_BODY by default: uploads)", () => {
    const common = (json: TerraformJson) =>
      ruleNamed(webAcl(json)[1], "AWSManagedRulesCommonRuleSet").statement.managed_rule_group_statement.rule_action_override;
    expect(common(withWaf({ enabled: true }))).toEqual([{ name: "SizeRestrictions_BODY", action_to_use: { count: {} } }]);
    expect(common(withWaf({ enabled: true, countOnlyRules: [] }))).toBeUndefined();
  });

  test("associated with the load balancer", () => {
    const json = withWaf({ enabled: true });
    const [aclName] = webAcl(json);
    const [[albName]] = resourcesOf(json, "aws_lb");
    const [[, association]] = resourcesOf(json, "aws_wafv2_web_acl_association");
    expect(association).toEqual({ resource_arn: ref("aws_lb", albName, "arn"), web_acl_arn: ref("aws_wafv2_web_acl", aclName, "arn") });
  });

  test("logs to an aws-waf-logs- log group with the environment's retention", () => {
    const json = withWaf({ enabled: true }, { logs: { retentionDays: 90 } });
    const [aclName] = webAcl(json);
    const groups = resourcesOf(json, "aws_cloudwatch_log_group").filter(([, g]) => g.name.startsWith("aws-waf-logs-"));
    expect(groups).toHaveLength(1);
    const [groupName, group] = groups[0];
    expect(group).toMatchObject({ name: "aws-waf-logs-pi-test", retention_in_days: 90 });
    const [[, logging]] = resourcesOf(json, "aws_wafv2_web_acl_logging_configuration");
    expect(logging).toEqual({
      resource_arn: ref("aws_wafv2_web_acl", aclName, "arn"),
      log_destination_configs: [ref("aws_cloudwatch_log_group", groupName, "arn")],
    });
  });
});
