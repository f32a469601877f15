import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { str } from "./lib/values";

/** LambdaPermissionScoped: never public; a service principal is pinned to its source (and account, for S3). */
export const lambdaPermissionScoped: Rule = {
  id: "PI-LAM-004",
  title: "Lambda permissions name a principal and scope service principals to a source",
  severity: "CRITICAL",
  resourceTypes: ["aws_lambda_permission"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_301", "CKV_AWS_364"], trivy: ["AWS-0067"], securityHub: ["Lambda.1"], cdkNag: [] },
  rationale: "Without source_arn any bucket or rule in any account can invoke the function (confused deputy).",
  check(permission: Resource): Verdict {
    const v = permission.values;
    const principal = str(v.principal);
    const a = new Assessment().expect("principal", principal, (p) => !!p && p !== "*", "a specific principal, not *", ["CKV_AWS_301", "AWS-0067", "Lambda.1"]);
    if (typeof principal === "string" && principal.endsWith(".amazonaws.com")) {
      if (v.source_arn == null) a.fail(`source_arn is absent for service principal ${principal}, expected the invoking resource's ARN`, ["CKV_AWS_364"]);
      if (principal === "s3.amazonaws.com" && v.source_account == null)
        a.fail("source_account is absent for s3.amazonaws.com, expected the bucket owner's account", ["CKV_AWS_364"]);
    }
    return a.verdict(`principal ${String(principal)} scoped`);
  },
};
