import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { list, num } from "./lib/values";

const REQUIRED_LOGS = ["audit", "error"];
const MONITORING_INTERVALS: ReadonlySet<number> = new Set([1, 5, 10, 15, 30, 60]);

/** RDSLoggingAndMonitoring: audit and error logs exported, enhanced monitoring on. */
export const rdsLoggingAndMonitoring: Rule = {
  id: "PI-RDS-007",
  title: "DB instances export audit and error logs and use enhanced monitoring",
  severity: "MEDIUM",
  resourceTypes: ["aws_db_instance"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_129", "CKV_AWS_118"], trivy: [], securityHub: ["RDS.9", "RDS.42", "RDS.6"], cdkNag: [] },
  rationale: "Audit logs record who changed the repository; OS metrics explain slow dashboards.",
  check(db: Resource): Verdict {
    const exported = list(db.values.enabled_cloudwatch_logs_exports);
    const missing = REQUIRED_LOGS.filter((l) => !exported.includes(l));
    const a = new Assessment();
    if (missing.length) a.fail(`enabled_cloudwatch_logs_exports = ${JSON.stringify(exported)}, expected to include ${missing.join(" and ")}`);
    a.expect("monitoring_interval", num(db.values.monitoring_interval), (v) => v !== undefined && MONITORING_INTERVALS.has(v), "one of 1, 5, 10, 15, 30, 60");
    if (db.values.monitoring_role_arn == null) a.fail("monitoring_role_arn is absent, expected the enhanced-monitoring role");
    return a.verdict("audit and error logs exported; enhanced monitoring on");
  },
};
