import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { first, num, str } from "./lib/values";

/** Rotation interval in days from `automatically_after_days` or a `rate(N days)` schedule; undefined for cron. */
function rotationDays(rules: Resource["values"][string]): number | undefined | "unknown" {
  const after = num(first(rules)?.automatically_after_days);
  if (isUnknown(after)) return "unknown";
  if (after !== undefined) return after;
  const schedule = str(first(rules)?.schedule_expression);
  if (isUnknown(schedule)) return "unknown";
  const rate = schedule ? /^rate\((\d+) days?\)$/.exec(schedule) : null;
  return rate ? Number(rate[1]) : schedule ? 0 : undefined;
}

/** SecretRotated: off by default until the app re-reads credentials (§7.12). */
export const secretRotated: Rule = {
  id: "PI-SEC-002",
  title: "Secrets rotate at least every 90 days",
  severity: "MEDIUM",
  resourceTypes: ["aws_secretsmanager_secret"],
  relatedTypes: ["aws_secretsmanager_secret_rotation"],
  defaultEnabled: false,
  externalIds: { checkov: ["CKV2_AWS_57", "CKV_AWS_304"], trivy: [], securityHub: ["SecretsManager.1", "SecretsManager.4"], cdkNag: ["AwsSolutions-SMG4"] },
  rationale: "Rotation bounds the life of a leaked credential; Tomcat's JNDI pool reads it once, hence opt-in.",
  check(secret: Resource, ctx: Context): Verdict {
    const rotation = ctx.resourcesOfType("aws_secretsmanager_secret_rotation").find((r) => ctx.refersTo(r.values.secret_id, secret));
    if (!rotation) return { status: "FAIL", message: `no aws_secretsmanager_secret_rotation has secret_id = \${${secret.address}.id}` };
    const days = rotationDays(rotation.values.rotation_rules);
    if (days === "unknown") return { status: "UNKNOWN", message: `${rotation.address}.rotation_rules cannot be evaluated` };
    if (days === undefined || days > 90) return { status: "FAIL", message: `${rotation.address}.rotation_rules rotate every ${String(days ?? "(absent)")} days, expected at most 90` };
    return { status: "PASS", message: `rotates via ${rotation.address}` };
  },
};
