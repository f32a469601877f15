import type { Context, Resource, Rule, Verdict } from "../model";
import { blocks, first, isMap, list, str } from "./lib/values";

/** The selection picks the file system: by reference, by an EFS wildcard ARN, or by a matching tag. */
function selects(selection: Resource, fs: Resource, ctx: Context): boolean {
  if (ctx.refersTo(selection.values.resources, fs)) return true;
  if (list(selection.values.resources).some((r) => r === "*" || (typeof r === "string" && r.includes(":elasticfilesystem:") && r.endsWith("*")))) return true;
  const tags = isMap(fs.values.tags) ? fs.values.tags : {};
  return blocks(selection.values.selection_tag).some((t) => str(t.type) === "STRINGEQUALS" && typeof t.key === "string" && tags[t.key] === t.value);
}

/** EFSInBackupPlan: a backup selection under a plan (an ENABLED aws_efs_backup_policy also counts, EFS.7). */
export const efsInBackupPlan: Rule = {
  id: "PI-EFS-002",
  title: "EFS file systems are in an AWS Backup plan",
  severity: "MEDIUM",
  resourceTypes: ["aws_efs_file_system"],
  relatedTypes: ["aws_backup_selection", "aws_backup_plan", "aws_efs_backup_policy"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_18"], trivy: [], securityHub: ["EFS.2", "EFS.7"], cdkNag: [] },
  rationale: "Uploaded content and configuration on EFS exist nowhere else.",
  check(fs: Resource, ctx: Context): Verdict {
    const selections = ctx.resourcesOfType("aws_backup_selection").filter((s) => selects(s, fs, ctx));
    const planned = selections.find((s) => ctx.resolve(s.values.plan_id)?.resource?.type === "aws_backup_plan");
    if (planned) return { status: "PASS", message: `${planned.address} selects it under ${ctx.resolve(planned.values.plan_id)?.resource?.address}` };
    const policy = ctx
      .resourcesOfType("aws_efs_backup_policy")
      .find((p) => ctx.refersTo(p.values.file_system_id, fs) && str(first(p.values.backup_policy)?.status) === "ENABLED");
    if (policy) return { status: "PASS", message: `${policy.address} enables automatic backups` };
    if (selections.length) return { status: "UNKNOWN", message: `${selections[0].address}.plan_id does not resolve to an aws_backup_plan in the stack` };
    return { status: "FAIL", message: `no aws_backup_selection lists \${${fs.address}.arn} in resources under an aws_backup_plan` };
  },
};
