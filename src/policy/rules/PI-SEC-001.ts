import type { Context, Resource, Rule, Verdict } from "../model";
import { isExpression } from "../../hcl/template";
import { Assessment } from "./lib/assessment";
import { num } from "./lib/values";

/** SecretNoLiteralValue: secret values come from references (random_password, RDS), never the JSON itself. */
export const secretNoLiteralValue: Rule = {
  id: "PI-SEC-001",
  title: "Secrets hold no literal value in the JSON and keep a recovery window of at least 7 days",
  severity: "HIGH",
  resourceTypes: ["aws_secretsmanager_secret", "aws_secretsmanager_secret_version"],
  defaultEnabled: true,
  externalIds: { checkov: [], trivy: [], securityHub: [], cdkNag: [] },
  rationale: "Synthesised JSON is committed and logged; a literal there is a leaked secret. Immediate deletion cannot be undone.",
  check(resource: Resource, ctx: Context): Verdict {
    const a = new Assessment();
    if (resource.type === "aws_secretsmanager_secret") {
      a.expect("recovery_window_in_days", num(resource.values.recovery_window_in_days), (v) => v === undefined || v >= 7, "absent or at least 7");
      return a.verdict("recovery window of at least 7 days");
    }
    for (const key of ["secret_string", "secret_binary"]) {
      const value = resource.values[key];
      if (typeof value !== "string") continue;
      // `${jsonencode({...})}` with only literals inside is still a literal secret
      const referenced = isExpression(value) && ctx.references(value).length > 0;
      if (!referenced) a.fail(`${key} is a literal in the JSON, expected a reference (random_password, RDS-managed secret)`);
    }
    return a.verdict("the secret value comes from a reference");
  },
};
