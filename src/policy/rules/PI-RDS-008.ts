import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { blocks, str } from "./lib/values";

const CURRENT_CA = /^rds-ca-(rsa2048|rsa4096|ecc384)-g1$/;

/** The parameter that forces TLS, per engine family, and the values that turn it on. */
const TLS_PARAMETERS: readonly { readonly family: RegExp; readonly name: string; readonly on: (v: string) => boolean; readonly expected: string }[] = [
  { family: /^(mariadb|mysql|aurora-mysql)/, name: "require_secure_transport", on: (v) => v === "1" || v.toUpperCase() === "ON", expected: '"1" or "ON"' },
  { family: /^(postgres|aurora-postgresql)/, name: "rds.force_ssl", on: (v) => v === "1", expected: '"1"' },
  { family: /^sqlserver/, name: "rds.force_ssl", on: (v) => v === "1", expected: '"1"' },
  { family: /db2/, name: "db2comm", on: (v) => v.toUpperCase() === "SSL", expected: '"SSL"' },
];

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
  title: "DB instances force TLS through a custom parameter group and use a current CA",
  severity: "MEDIUM",
  resourceTypes: ["aws_db_instance"],
  relatedTypes: ["aws_db_parameter_group"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_69", "CKV_AWS_211"], trivy: [], securityHub: ["RDS.44"], cdkNag: [] },
  rationale: "Without require_secure_transport a misconfigured JDBC URL silently talks clear text to the database.",
  check(db: Resource, ctx: Context): Verdict {
    const a = new Assessment().expect(
      "ca_cert_identifier",
      str(db.values.ca_cert_identifier),
      (v) => v === undefined || CURRENT_CA.test(v),
      "absent or rds-ca-{rsa2048,rsa4096,ecc384}-g1",
      ["CKV_AWS_211"],
    );
    const tlsRefs = ["CKV2_AWS_69", "RDS.44"];
    const group = parameterGroupOf(db, ctx);
    const engine = str(db.values.engine);
    const family = group ? str(group.values.family) : undefined;
    // the engine decides which parameter forces TLS; without one (a fixture, a snapshot restore) the group's family does
    const kind = isUnknown(engine) ? engine : (engine ?? (typeof family === "string" ? family : undefined));
    if (isUnknown(kind)) return a.unknown(`engine: ${kind.reason}`, tlsRefs).verdict("");
    const tls = kind === undefined ? undefined : TLS_PARAMETERS.find((t) => t.family.test(kind));
    const judgeCaOnly = (why: string): Verdict => {
      const verdict = a.verdict("");
      return verdict.status === "PASS" ? notApplicable(why) : verdict;
    };
    if (!tls) return judgeCaOnly(`engine ${kind ?? "(absent)"}: no TLS parameter to judge`);
    const mariadb = tls.name === "require_secure_transport";
    // §8 requires a custom group for MariaDB/MySQL; for other engines a custom group, when there is one, must force TLS
    if (!group && !mariadb && db.values.parameter_group_name == null) return judgeCaOnly(`engine ${kind} with its default parameter group`);
    if (!group) {
      // checkov passes the default group; RDS.44 (and this rule) want TLS forced, which the default group does not do
      if (db.values.parameter_group_name == null)
        a.fail("parameter_group_name is absent (default group), expected a custom aws_db_parameter_group", ["RDS.44"]);
      else a.unknown(`parameter_group_name ${JSON.stringify(db.values.parameter_group_name)} is not an aws_db_parameter_group in the stack`, tlsRefs);
      return a.verdict("");
    }
    if (typeof engine === "string") a.expect(`${group.address}.family`, family, (v) => !!v?.startsWith(engine), `${engine}*`, tlsRefs);
    const param = blocks(group.values.parameter).find((p) => p.name === tls.name);
    a.expect(`${group.address}.parameter[${tls.name}]`, str(param?.value), (v) => v !== undefined && tls.on(v), tls.expected, tlsRefs);
    return a.verdict(`${group.address} sets ${tls.name}`);
  },
};
