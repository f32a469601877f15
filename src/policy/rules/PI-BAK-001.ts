import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { blocks, first, num, str } from "./lib/values";

/** The vault a rule targets, by reference or literal name; undefined when neither resolves. */
function vaultOf(target: Resource["values"][string], ctx: Context): Resource | undefined {
  const ref = ctx.resolve(target)?.resource;
  if (ref) return ref.type === "aws_backup_vault" ? ref : undefined;
  const name = str(target);
  return ctx.resourcesOfType("aws_backup_vault").find((v) => typeof name === "string" && str(v.values.name) === name);
}

/** BackupPlanSound: scheduled rules keeping at least a week, into a vault the stack manages. */
export const backupPlanSound: Rule = {
  id: "PI-BAK-001",
  title: "Backup plan rules are scheduled, keep backups ≥ 7 days and target a vault in the stack",
  severity: "MEDIUM",
  resourceTypes: ["aws_backup_plan"],
  relatedTypes: ["aws_backup_vault"],
  defaultEnabled: true,
  externalIds: { checkov: [], trivy: [], securityHub: ["Backup.1"], cdkNag: [] },
  rationale: "A plan without schedule or retention, or into an unmanaged vault, is a plan that does not restore.",
  check(plan: Resource, ctx: Context): Verdict {
    const rules = blocks(plan.values.rule);
    const a = new Assessment();
    if (rules.length === 0) a.fail("rule: none, expected at least one scheduled rule");
    for (const [i, rule] of rules.entries()) {
      const label = `rule[${typeof rule.rule_name === "string" ? rule.rule_name : i}]`;
      a.expect(`${label}.schedule`, str(rule.schedule), (v) => !!v, "a cron schedule");
      a.expect(`${label}.lifecycle.delete_after`, num(first(rule.lifecycle)?.delete_after), (v) => v !== undefined && v >= 7, "at least 7 (35 recommended)");
      const target = rule.target_vault_name;
      const vault = vaultOf(target, ctx);
      if (!vault) {
        const name = str(target);
        if (isUnknown(name) && !ctx.resolve(target)?.resource) a.unknown(`${label}.target_vault_name: ${name.reason}`);
        else a.fail(`${label}.target_vault_name = ${JSON.stringify(target ?? null)}, expected an aws_backup_vault of the stack`);
      }
    }
    return a.verdict("scheduled rules with retention into a stack vault");
  },
};
