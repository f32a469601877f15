import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bool } from "./lib/values";

/** RDSStorageEncrypted. */
export const rdsStorageEncrypted: Rule = {
  id: "PI-RDS-001",
  title: "DB instances encrypt storage",
  severity: "HIGH",
  resourceTypes: ["aws_db_instance"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_16"], trivy: ["AWS-0080"], securityHub: ["RDS.3"], cdkNag: ["AwsSolutions-RDS2"] },
  rationale: "The repository database holds users, data-source credentials and report content; encryption cannot be added later.",
  check(db: Resource): Verdict {
    return new Assessment().expect("storage_encrypted", bool(db.values.storage_encrypted), (v) => v === true, "true").verdict("storage_encrypted = true");
  },
};
