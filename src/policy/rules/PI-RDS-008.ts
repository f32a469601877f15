import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { blocks, str } from "./lib/values";

const CURRENT_CA = /^rds-ca-(rsa2048|rsa4096|ecc384)-g1$/;

/** The aws_db_parameter_group the instance names, by reference or literal name. */
function parameterGroupOf(db: Resource, ctx: Context): Resource | undefined {
  const ref = ctx.resolve(db.values.parameter_group_name)?.resource;
  if (ref) return ref.type === "aws_db_parameter_group" ? ref : undefined;
  const name = str(db.values.parameter_group_name);
  return ctx.resourcesOfType("aws_db_parameter_group").find((g) => typeof name === "string" && str(g.values.name) === name);
}

/** RDSRequireTls: a custom parameter group forces TLS (checkov wants "1", RDS.44 "ON": accept both, §7.8). */
export const rdsRequireTls: Rule = {
  id: "PI-RDS-008",
  title: "MariaDB/MySQL instances use a custom parameter group with require_secure_transport on and a current CA",
  severity: "MEDIUM",
  resourceTypes: ["aws_db_instance"],
  relatedTypes: ["aws_db_parameter_group"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_69", "CKV_AWS_211"], trivy: [], securityHub: ["RDS.44"], cdkNag: [] },
  rationale: "Without require_secure_transport a misconfigured JDBC URL silently talks clear text to the database.",
  check(db: Resource, ctx: Context): Verdict {
    const engine = str(db.values.engine);
    if (isUnknown(engine)) return { status: "UNKNOWN", message: `engine: ${engine.reason}` };
    if (engine !== "mariadb" && engine !== "mysql") return notApplicable(`engine ${engine ?? "(absent)"}`);
    const a = new Assessment().expect("ca_cert_identifier", str(db.values.ca_cert_identifier), (v) => v === undefined || CURRENT_CA.test(v), "absent or rds-ca-{rsa2048,rsa4096,ecc384}-g1");
    const group = parameterGroupOf(db, ctx);
    if (!group) {
      if (db.values.parameter_group_name == null) a.fail("parameter_group_name is absent (default group), expected a custom aws_db_parameter_group");
      else a.unknown(`parameter_group_name ${JSON.stringify(db.values.parameter_group_name)} is not an aws_db_parameter_group in the stack`);
      return a.verdict("");
    }
    a.expect(`${group.address}.family`, str(group.values.family), (v) => !!v?.startsWith(engine), `${engine}*`);
    const param = blocks(group.values.parameter).find((p) => p.name === "require_secure_transport");
    a.expect(`${group.address}.parameter[require_secure_transport]`, str(param?.value), (v) => v === "1" || v?.toUpperCase() === "ON", '"1" or "ON"');
    return a.verdict(`${group.address} sets require_secure_transport`);
  },
};
