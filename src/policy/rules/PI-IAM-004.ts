import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { isAnyone, statementsOf, type Principal } from "./lib/iam";

const ACCOUNT_ROOT = /^(\d{12}|arn:aws[\w-]*:iam::\d{12}:root)$/;

/** Judges one trusted principal; returns the problem, "unknown", or undefined when fine. */
function judgePrincipal(p: Principal, hasCondition: boolean, ctx: Context): string | undefined {
  if (isAnyone(p)) return `trusts "*"`;
  if (p.type === "Service") return /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(p.id) ? undefined : `trusts service principal ${p.id}`;
  if (p.type === "AWS") {
    if (ACCOUNT_ROOT.test(p.id)) return hasCondition ? undefined : `trusts account ${p.id} without a Condition`;
    if (/^arn:aws[\w-]*:iam::\d{12}:role\//.test(p.id)) return undefined;
    const ref = ctx.resolve(p.id);
    if (ref?.resource?.type === "aws_iam_role") return undefined;
    return ref && !ref.resource ? "unknown" : `trusts ${p.id}, expected a role ARN`;
  }
  return hasCondition ? undefined : `trusts ${p.type} ${p.id} without a Condition`;
}

/** IAMRoleTrustScoped: specific service principals or role ARNs; account roots only with a condition. */
export const iamRoleTrustScoped: Rule = {
  id: "PI-IAM-004",
  title: "Role trust policies name specific services or roles",
  severity: "HIGH",
  resourceTypes: ["aws_iam_role"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_60", "CKV_AWS_61"], trivy: [], securityHub: [], cdkNag: [] },
  rationale: 'A trust policy open to "*" or a whole account lets unrelated principals assume the role.',
  check(role: Resource, ctx: Context): Verdict {
    const statements = statementsOf(role.values.assume_role_policy ?? null);
    if (isUnknown(statements)) return { status: "UNKNOWN", message: `assume_role_policy: ${statements.reason}` };
    const a = new Assessment();
    for (const s of statements.filter((s) => s.effect === "Allow")) {
      if (s.principals.length === 0) a.fail("assume_role_policy: an Allow statement has no Principal");
      for (const p of s.principals) {
        const problem = judgePrincipal(p, s.hasCondition, ctx);
        if (problem === "unknown") a.unknown(`assume_role_policy: principal ${p.id} cannot be resolved`);
        else if (problem) a.fail(`assume_role_policy ${problem}; expected ecs-tasks, lambda, monitoring.rds, backup (…).amazonaws.com or a role ARN`);
      }
    }
    return a.verdict("trusts specific principals");
  },
};
