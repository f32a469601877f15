import { isUnknown, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { list, num, str } from "./lib/values";

/** Log types to export per engine family: audit and error for MariaDB/MySQL (§8), the server log for PostgreSQL. */
function requiredLogs(engine: string | undefined): readonly string[] {
  if (engine === undefined || /^(mariadb|mysql|aurora-mysql|aurora$)/.test(engine)) return ["audit", "error"];
  if (/postgres/.test(engine)) return ["postgresql"];
  return [];
}
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
    const engine = str(db.values.engine);
    const a = new Assessment();
    const logRefs = ["CKV_AWS_129", "RDS.9", "RDS.42"];
    if (isUnknown(engine)) a.unknown(`engine: ${engine.reason}; cannot tell which logs to export`, logRefs);
    else {
      const missing = requiredLogs(engine).filter((l) => !exported.includes(l));
      if (missing.length) a.fail(`enabled_cloudwatch_logs_exports = ${JSON.stringify(exported)}, expected to include ${missing.join(" and ")}`, logRefs);
      else if (exported.length === 0) a.fail("enabled_cloudwatch_logs_exports is empty, expected the engine's logs", logRefs);
    }
    const monitoringRefs = ["CKV_AWS_118", "RDS.6"];
    a.expect(
      "monitoring_interval",
      num(db.values.monitoring_interval),
      (v) => v !== undefined && MONITORING_INTERVALS.has(v),
      "one of 1, 5, 10, 15, 30, 60",
      monitoringRefs,
    );
    if (db.values.monitoring_role_arn == null) a.fail("monitoring_role_arn is absent, expected the enhanced-monitoring role", monitoringRefs);
    return a.verdict("audit and error logs exported; enhanced monitoring on");
  },
};
