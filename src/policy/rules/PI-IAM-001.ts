import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import {
  ATTACHMENT_TYPES,
  IDENTITY_DOCUMENT_TYPES,
  SSO_ATTACHMENT_TYPE,
  attachedPolicyArns,
  awsManagedPolicyName,
  identityDocuments,
  readableStatements,
} from "./lib/iam";

/** Administrator managed policies and the checks about each: AdministratorAccess (CKV_AWS_274/275), IAMFullAccess (CKV2_AWS_56). */
const ADMIN_POLICIES: ReadonlyMap<string, readonly string[]> = new Map([
  ["AdministratorAccess", ["CKV_AWS_274", "CKV_AWS_275", "IAM.1"]],
  ["IAMFullAccess", ["CKV2_AWS_56"]],
  ["PowerUserAccess", []],
]);
const STAR_ACTION_REFS = ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_1", "CKV_AWS_49", "IAM.1"];

/** A `data "aws_iam_policy"` lookup of an administrator policy exists only to attach it somewhere. */
function judgeLookup(lookup: Resource): Verdict {
  const { arn, name } = lookup.values;
  const policy = awsManagedPolicyName(arn ?? null) ?? (typeof name === "string" ? name : undefined);
  const refs = policy ? ADMIN_POLICIES.get(policy) : undefined;
  if (!refs) return notApplicable("not an administrator policy");
  return new Assessment().fail(`looks up ${policy}, expected a least-privilege policy`, refs).verdict("");
}

/** IAMNoAdminAccess: no `Action: "*"` anywhere (inline policies included, unlike checkov) and no admin managed policy. */
export const iamNoAdminAccess: Rule = {
  id: "PI-IAM-001",
  title: 'No policy allows Action "*" and no administrator managed policy is attached',
  severity: "CRITICAL",
  resourceTypes: [...IDENTITY_DOCUMENT_TYPES, ...ATTACHMENT_TYPES, SSO_ATTACHMENT_TYPE, "data.aws_iam_policy"],
  defaultEnabled: true,
  externalIds: {
    checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_1", "CKV_AWS_49", "CKV_AWS_274", "CKV_AWS_275", "CKV2_AWS_56"],
    trivy: [],
    securityHub: ["IAM.1"],
    cdkNag: [],
  },
  rationale: "A compromised task or Lambda with admin rights owns the account.",
  check(resource: Resource, ctx: Context): Verdict {
    if (resource.mode === "data" && resource.type === "aws_iam_policy") return judgeLookup(resource);
    const docs = identityDocuments(resource, ctx);
    const arns = attachedPolicyArns(resource, ctx);
    if (docs.length === 0 && arns.length === 0) return notApplicable("no identity policy or attachment");
    const a = new Assessment();
    for (const { label, statements } of readableStatements(docs, a)) {
      if (statements.some((s) => s.effect === "Allow" && !s.usesNotAction && s.actions.includes("*")))
        a.fail(`${label}: an Allow statement has Action "*", expected specific actions`, STAR_ACTION_REFS);
    }
    for (const { label, arn } of arns) {
      const name = awsManagedPolicyName(arn);
      const refs = name ? ADMIN_POLICIES.get(name) : undefined;
      if (refs) a.fail(`${label} attaches ${name}, expected a least-privilege policy`, refs);
    }
    return a.verdict('no Action "*" and no administrator policy');
  },
};
