import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bool } from "./lib/values";

/** RDSMultiAz. */
export const rdsMultiAz: Rule = {
  id: "PI-RDS-003",
  title: "DB instances are Multi-AZ",
  severity: "MEDIUM",
  resourceTypes: ["aws_db_instance"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_157"], trivy: [], securityHub: ["RDS.5"], cdkNag: ["AwsSolutions-RDS3"] },
  rationale: "The dashboard is down whenever its repository database is; a standby survives a zone failure and patching.",
  check(db: Resource): Verdict {
    return new Assessment().expect("multi_az", bool(db.values.multi_az), (v) => v === true, "true").verdict("multi_az = true");
  },
};
