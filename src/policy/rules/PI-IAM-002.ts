import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { IDENTITY_DOCUMENT_TYPES, identityDocuments, readableStatements } from "./lib/iam";

const SERVICE_WILDCARD = /^[\w-]+:\*$/;

/** IAMNoServiceWildcards: `iam:*`, `s3:*`, `kms:*` … grant far more than any of our workloads uses. */
export const iamNoServiceWildcards: Rule = {
  id: "PI-IAM-002",
  title: "No identity policy allows a service-wide wildcard action",
  severity: "HIGH",
  resourceTypes: IDENTITY_DOCUMENT_TYPES,
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_40"], trivy: ["AWS-0345"], securityHub: ["IAM.21"], cdkNag: ["AwsSolutions-IAM5"] },
  rationale: "iam:* is privilege escalation; s3:* or kms:* include deletion and policy changes.",
  check(resource: Resource, ctx: Context): Verdict {
    const docs = identityDocuments(resource, ctx);
    if (docs.length === 0) return notApplicable("no identity policy");
    const a = new Assessment();
    for (const { label, statements } of readableStatements(docs, a)) {
      const wildcards = [
        ...new Set(statements.filter((s) => s.effect === "Allow" && !s.usesNotAction).flatMap((s) => s.actions.filter((x) => SERVICE_WILDCARD.test(x)))),
      ];
      // checkov's CKV2_AWS_40 is about full IAM access only; the other services are our (and IAM.21's) stricter reading
      // Action "*" is every service's wildcard at once, iam:* included
      const all = statements.some((s) => s.effect === "Allow" && !s.usesNotAction && s.actions.includes("*"));
      const iam = [...wildcards.filter((x) => x.toLowerCase() === "iam:*"), ...(all ? ["*"] : [])];
      const others = wildcards.filter((x) => x.toLowerCase() !== "iam:*");
      if (iam.length)
        a.fail(`${label}: allows ${iam.join(", ")} (full IAM access), expected the specific actions needed`, [
          "CKV2_AWS_40",
          "AWS-0345",
          "IAM.21",
          "AwsSolutions-IAM5",
        ]);
      if (others.length) a.fail(`${label}: allows ${others.join(", ")}, expected the specific actions needed`, ["AWS-0345", "IAM.21", "AwsSolutions-IAM5"]);
    }
    return a.verdict("no service-wide wildcard actions");
  },
};
