import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bool, str } from "./lib/values";

/** Engines an aws_db_instance runs (the provider's list); Neptune and DocumentDB instances have resources of their own. */
const RDS_ENGINE = /^(mariadb|mysql|postgres|aurora(-mysql|-postgresql)?|oracle-|sqlserver-|db2-|custom-)/;

/** RDSDeletionSafeguards: protection on, final snapshot taken, tags copied to snapshots. */
export const rdsDeletionSafeguards: Rule = {
  id: "PI-RDS-005",
  title: "DB instances have deletion protection, a final snapshot and tags copied to snapshots",
  severity: "MEDIUM",
  resourceTypes: ["aws_db_instance"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_293", "CKV2_AWS_60"], trivy: ["AWS-0177"], securityHub: ["RDS.8", "RDS.17"], cdkNag: ["AwsSolutions-RDS10"] },
  rationale: "A destroy or replacement must never silently delete the only copy of the repository.",
  check(db: Resource): Verdict {
    const v = db.values;
    const engine = str(v.engine);
    // a value AWS would not run as an RDS instance: nothing to judge it against, so not a verdict either way
    if (typeof engine === "string" && !RDS_ENGINE.test(engine))
      return { status: "UNKNOWN", message: `engine = "${engine}" is not an RDS DB instance engine; cannot judge its snapshots` };
    const a = new Assessment()
      .expect("deletion_protection", bool(v.deletion_protection), (x) => x === true, "true", ["CKV_AWS_293", "AWS-0177", "RDS.8"])
      .expect("skip_final_snapshot", bool(v.skip_final_snapshot), (x) => x !== true, "absent or false", [])
      .expect("copy_tags_to_snapshot", bool(v.copy_tags_to_snapshot), (x) => x === true, "true", ["CKV2_AWS_60", "RDS.17"]);
    const id = v.final_snapshot_identifier;
    if (bool(v.skip_final_snapshot) !== true && (id == null || id === ""))
      a.fail("final_snapshot_identifier is absent, expected a name for the final snapshot", []);
    return a.verdict("deletion protection, final snapshot and tag copy set");
  },
};
