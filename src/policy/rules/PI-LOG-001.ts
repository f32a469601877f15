import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { num } from "./lib/values";

/** LogGroupRetention: explicit, at least 30 days; 0 means never expire. */
export const logGroupRetention: Rule = {
  id: "PI-LOG-001",
  title: "Log groups set a retention of at least 30 days",
  severity: "MEDIUM",
  resourceTypes: ["aws_cloudwatch_log_group"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_66", "CKV_AWS_338"], trivy: [], securityHub: [], cdkNag: [] },
  rationale: "Too short loses the evidence of an incident; unset keeps logs (and their cost) forever.",
  check(group: Resource): Verdict {
    return new Assessment()
      .expect("retention_in_days", num(group.values.retention_in_days), (v) => v !== undefined && v >= 30, "set and at least 30 (90-365 recommended)")
      .verdict(`retention_in_days = ${String(group.values.retention_in_days)}`);
  },
};
