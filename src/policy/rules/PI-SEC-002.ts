import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
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

const INTERVAL_REFS = ["CKV_AWS_304", "SecretsManager.4"];

/** A rotation's interval: at most 90 days. */
function judgeInterval(rotation: Resource): Verdict {
  const days = rotationDays(rotation.values.rotation_rules);
  const a = new Assessment();
  if (days === "unknown") a.unknown(`${rotation.address}.rotation_rules cannot be evaluated`, INTERVAL_REFS);
  else if (days === undefined || days > 90)
    a.fail(`${rotation.address}.rotation_rules rotate every ${String(days ?? "(absent)")} days, expected at most 90`, INTERVAL_REFS);
  return a.verdict(`rotates via ${rotation.address}`);
}

/** SecretRotated: off by default until the app re-reads credentials (§7.12). */
export const secretRotated: Rule = {
  id: "PI-SEC-002",
  title: "Secrets rotate at least every 90 days",
  severity: "MEDIUM",
  // the rotation is judged on its own too: checkov reports it, and its secret may live in another module
  resourceTypes: ["aws_secretsmanager_secret", "aws_secretsmanager_secret_rotation"],
  defaultEnabled: false,
  externalIds: { checkov: ["CKV2_AWS_57", "CKV_AWS_304"], trivy: [], securityHub: ["SecretsManager.1", "SecretsManager.4"], cdkNag: ["AwsSolutions-SMG4"] },
  rationale: "Rotation bounds the life of a leaked credential; Tomcat's JNDI pool reads it once, hence opt-in.",
  check(resource: Resource, ctx: Context): Verdict {
    if (resource.type === "aws_secretsmanager_secret_rotation") return judgeInterval(resource);
    const rotation = ctx.resourcesOfType("aws_secretsmanager_secret_rotation").find((r) => ctx.refersTo(r.values.secret_id, resource));
    if (!rotation)
      return new Assessment()
        .fail(`no aws_secretsmanager_secret_rotation has secret_id = \${${resource.address}.id}`, ["CKV2_AWS_57", "SecretsManager.1", "AwsSolutions-SMG4"])
        .verdict("");
    return judgeInterval(rotation);
  },
};
