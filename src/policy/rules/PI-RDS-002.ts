import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bool } from "./lib/values";

/** RDSNotPubliclyAccessible (placement is PI-NET-004). */
export const rdsNotPubliclyAccessible: Rule = {
  id: "PI-RDS-002",
  title: "DB instances are not publicly accessible",
  severity: "CRITICAL",
  resourceTypes: ["aws_db_instance"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_17"], trivy: ["AWS-0180"], securityHub: ["RDS.2"], cdkNag: [] },
  rationale: "A public endpoint exposes MariaDB's login to the internet.",
  check(db: Resource): Verdict {
    return new Assessment()
      .expect("publicly_accessible", bool(db.values.publicly_accessible), (v) => v !== true, "absent or false")
      .verdict("not publicly accessible");
  },
};
