import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bool } from "./lib/values";

/** RDSAutoMinorVersionUpgrade: explicit, because checkov fails when it is missing (§1.4). */
export const rdsAutoMinorVersionUpgrade: Rule = {
  id: "PI-RDS-006",
  title: "DB instances set auto_minor_version_upgrade = true explicitly",
  severity: "HIGH",
  // Aurora cluster instances have the same setting
  resourceTypes: ["aws_db_instance", "aws_rds_cluster_instance"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_226"], trivy: [], securityHub: ["RDS.13"], cdkNag: [] },
  rationale: "Minor MariaDB releases carry security fixes; they apply in the maintenance window.",
  check(db: Resource): Verdict {
    return new Assessment()
      .expect("auto_minor_version_upgrade", bool(db.values.auto_minor_version_upgrade), (v) => v === true, "true, set explicitly")
      .verdict("auto_minor_version_upgrade = true");
  },
};
