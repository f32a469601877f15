import type { Context, Resource, Rule, ValueMap, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { blocks, bool, first } from "./lib/values";

const REQUIRED_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];

const managedGroup = (rule: ValueMap): ValueMap | undefined => first(first(rule.statement)?.managed_rule_group_statement);

/** Log4JRCE is excluded by the legacy excluded_rule or by an override to count. */
function log4jExcluded(group: ValueMap): boolean {
  const excluded = blocks(group.excluded_rule).some((r) => r.name === "Log4JRCE");
  const counted = blocks(group.rule_action_override).some((o) => o.name === "Log4JRCE" && !first(o.action_to_use)?.block);
  return excluded || counted;
}

const LOG4J_REFS = ["CKV_AWS_192", "CKV2_AWS_76"];
const nonEmpty = (b: ValueMap | undefined): boolean => !!b && Object.values(b).some((v) => v != null);

/** A WAF Classic ACL (global `rules`, regional `rule` blocks): rules with an action; Classic itself is end-of-life. */
function judgeClassic(acl: Resource): Verdict {
  const a = new Assessment();
  const rules = blocks(acl.values.rules ?? acl.values.rule).filter(nonEmpty);
  if (rules.length === 0) a.fail("no rule, expected at least one rule", ["CKV_AWS_175"]);
  rules.forEach((rule, i) => {
    const action = first(rule.action) ?? first(rule.override_action);
    if (!action?.type) a.fail(`rule[${i}] has no action or override_action type`, ["CKV_AWS_342"]);
  });
  a.fail("AWS WAF Classic reached end of support on 2025-09-30; expected an aws_wafv2_web_acl", []);
  return a.verdict("");
}

/** WAFWebAclComplete: rules with actions, the baseline managed groups active, metrics and logging on. */
export const wafWebAclComplete: Rule = {
  id: "PI-WAF-002",
  title: "Web ACLs run the common and known-bad-inputs rule groups with metrics and logging",
  severity: "HIGH",
  resourceTypes: ["aws_wafv2_web_acl", "aws_waf_web_acl", "aws_wafregional_web_acl"],
  relatedTypes: ["aws_wafv2_web_acl_logging_configuration"],
  defaultEnabled: true,
  externalIds: {
    checkov: ["CKV_AWS_175", "CKV_AWS_342", "CKV_AWS_192", "CKV2_AWS_76", "CKV2_AWS_31"],
    trivy: [],
    securityHub: ["WAF.10", "WAF.11", "WAF.12"],
    cdkNag: [],
  },
  rationale: "An empty or count-only ACL protects nothing; Log4JRCE in known-bad-inputs covers CVE-2021-44228 on a Java app.",
  check(acl: Resource, ctx: Context): Verdict {
    if (acl.type !== "aws_wafv2_web_acl") return judgeClassic(acl);
    const a = new Assessment();
    // an empty `rule {}` block is no rule
    const rules = blocks(acl.values.rule).filter(nonEmpty);
    if (rules.length === 0) a.fail("rule: none, expected at least one rule", ["CKV_AWS_175", "WAF.10"]);
    const metrics = ["WAF.12"];
    a.expect(
      "visibility_config.cloudwatch_metrics_enabled",
      bool(first(acl.values.visibility_config)?.cloudwatch_metrics_enabled),
      (v) => v === true,
      "true",
      metrics,
    );
    for (const [i, rule] of rules.entries()) {
      const label = `rule[${typeof rule.name === "string" ? rule.name : i}]`;
      // AWS requires exactly one of action (plain rules) and override_action (rule-group references), with content
      if (!nonEmpty(first(rule.action)) && !nonEmpty(first(rule.override_action)))
        a.fail(`${label} has neither action nor override_action (AWS requires one)`, ["CKV_AWS_342"]);
      a.expect(
        `${label}.visibility_config.cloudwatch_metrics_enabled`,
        bool(first(rule.visibility_config)?.cloudwatch_metrics_enabled),
        (v) => v === true,
        "true",
        metrics,
      );
    }
    for (const name of REQUIRED_GROUPS) {
      const knownBad = name === "AWSManagedRulesKnownBadInputsRuleSet";
      const refs = knownBad ? LOG4J_REFS : [];
      const rule = rules.find((r) => managedGroup(r)?.name === name);
      if (!rule) {
        a.fail(`no rule uses managed_rule_group_statement ${name}`, refs);
        continue;
      }
      if (!knownBad) continue;
      const group = managedGroup(rule) ?? {};
      if (!first(first(rule.override_action)?.none)) a.fail(`${name}: override_action must be none {} (count would only log)`, refs);
      if (log4jExcluded(group)) a.fail(`${name}: Log4JRCE is excluded or counted, expected it to block`, refs);
    }
    if (!ctx.resourcesOfType("aws_wafv2_web_acl_logging_configuration").some((l) => ctx.refersTo(l.values.resource_arn, acl)))
      a.fail(`no aws_wafv2_web_acl_logging_configuration has resource_arn = \${${acl.address}.arn}`, ["CKV2_AWS_31", "WAF.11"]);
    return a.verdict("common and known-bad-inputs groups active, metrics and logging on");
  },
};
