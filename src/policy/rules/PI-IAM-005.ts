import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { ATTACHMENT_TYPES, attachedPolicyArns, awsManagedPolicyName } from "./lib/iam";

/** The AWS-managed policies our roles may use (cdk-nag IAM4 suppressed per policy, with this list as evidence). */
export const ALLOWED_AWS_MANAGED_POLICIES: ReadonlySet<string> = new Set([
  "AmazonECSTaskExecutionRolePolicy",
  "AWSLambdaBasicExecutionRole",
  "AWSLambdaVPCAccessExecutionRole",
  "AmazonRDSEnhancedMonitoringRole",
  "AWSBackupServiceRolePolicyForBackup",
  "AWSBackupServiceRolePolicyForRestores",
]);

/** IAMManagedPolicyAllowList. */
export const iamManagedPolicyAllowList: Rule = {
  id: "PI-IAM-005",
  title: "AWS-managed policies only from the allow-list",
  severity: "LOW",
  resourceTypes: ["aws_iam_role", ...ATTACHMENT_TYPES],
  defaultEnabled: true,
  externalIds: { checkov: [], trivy: [], securityHub: [], cdkNag: ["AwsSolutions-IAM4"] },
  rationale: "AWS-managed policies change without notice and are usually broader than needed.",
  check(resource: Resource, ctx: Context): Verdict {
    const arns = attachedPolicyArns(resource, ctx);
    if (arns.length === 0) return notApplicable("no managed policy attached");
    const a = new Assessment();
    for (const { label, arn } of arns) {
      const name = awsManagedPolicyName(arn);
      if (name && !ALLOWED_AWS_MANAGED_POLICIES.has(name))
        a.fail(`${label} attaches AWS-managed ${name}, expected one of ${[...ALLOWED_AWS_MANAGED_POLICIES].join(", ")} or a customer policy`);
    }
    return a.verdict("only allow-listed AWS-managed policies");
  },
};
