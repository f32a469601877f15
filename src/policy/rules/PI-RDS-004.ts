import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { num } from "./lib/values";

/** RDSBackupRetention: explicit 7–35 days (Security Hub RDS.11; stricter than checkov and trivy, §7.7). */
export const rdsBackupRetention: Rule = {
  id: "PI-RDS-004",
  title: "DB instances keep automated backups for 7 to 35 days",
  severity: "MEDIUM",
  // an Aurora cluster holds the same setting for its instances
  resourceTypes: ["aws_db_instance", "aws_rds_cluster"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_133"], trivy: ["AWS-0077"], securityHub: ["RDS.11"], cdkNag: ["AwsSolutions-RDS13"] },
  rationale: "A week of point-in-time recovery covers a corruption noticed after a weekend.",
  check(db: Resource): Verdict {
    return new Assessment()
      .expect("backup_retention_period", num(db.values.backup_retention_period), (v) => v !== undefined && v >= 7 && v <= 35, "explicitly 7 to 35")
      .verdict(`backup_retention_period = ${String(db.values.backup_retention_period)}`);
  },
};
