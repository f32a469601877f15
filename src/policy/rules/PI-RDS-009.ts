import type { Resource, Rule, Verdict } from "../model";
import { isExpression } from "../../hcl/template";
import { Assessment } from "./lib/assessment";
import { bool, str } from "./lib/values";

const DEFAULT_USERNAMES: ReadonlySet<string> = new Set(["admin", "root", "mariadb"]);

/** RDSNoLiteralCredentials: the password never appears in the JSON; the master user is not a guessable default. */
export const rdsNoLiteralCredentials: Rule = {
  id: "PI-RDS-009",
  title: "DB instances carry no literal password and no default master username",
  severity: "HIGH",
  resourceTypes: ["aws_db_instance"],
  defaultEnabled: true,
  externalIds: { checkov: [], trivy: [], securityHub: ["RDS.25"], cdkNag: ["AwsSolutions-SMG4"] },
  rationale: "Synthesised JSON is committed and logged; a literal password there is a leaked password.",
  check(db: Resource): Verdict {
    const v = db.values;
    const a = new Assessment();
    const managed = bool(v.manage_master_user_password) === true;
    if (typeof v.password === "string" && !isExpression(v.password))
      a.fail("password is a literal in the JSON, expected manage_master_user_password = true or a reference");
    if (managed && v.password != null) a.fail("password is set although manage_master_user_password = true");
    a.expect("username", str(v.username), (u) => u !== undefined && !DEFAULT_USERNAMES.has(u.toLowerCase()), "set and not admin, root or mariadb");
    return a.verdict(managed ? "RDS manages the master password" : "password comes from a reference");
  },
};
