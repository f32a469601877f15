import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { ATTACHMENT_TYPES, IDENTITY_DOCUMENT_TYPES, attachedPolicyArns, awsManagedPolicyName, identityDocuments, statementsOf } from "./lib/iam";

const ADMIN_POLICIES: ReadonlySet<string> = new Set(["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"]);

/** IAMNoAdminAccess: no `Action: "*"` anywhere (inline policies included, unlike checkov) and no admin managed policy. */
export const iamNoAdminAccess: Rule = {
  id: "PI-IAM-001",
  title: "No policy allows Action \"*\" and no administrator managed policy is attached",
  severity: "CRITICAL",
  resourceTypes: [...IDENTITY_DOCUMENT_TYPES, ...ATTACHMENT_TYPES],
  defaultEnabled: true,
  externalIds: {
    checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_1", "CKV_AWS_49", "CKV_AWS_274", "CKV_AWS_275", "CKV2_AWS_56"],
    trivy: [],
    securityHub: ["IAM.1"],
    cdkNag: [],
  },
  rationale: "A compromised task or Lambda with admin rights owns the account.",
  check(resource: Resource, ctx: Context): Verdict {
    const docs = identityDocuments(resource, ctx);
    const arns = attachedPolicyArns(resource, ctx);
    if (docs.length === 0 && arns.length === 0) return notApplicable("no identity policy or attachment");
    const a = new Assessment();
    for (const { label, doc } of docs) {
      const statements = statementsOf(doc);
      if (isUnknown(statements)) a.unknown(`${label}: ${statements.reason}`);
      else if (statements.some((s) => s.effect === "Allow" && !s.usesNotAction && s.actions.includes("*"))) a.fail(`${label}: an Allow statement has Action "*", expected specific actions`);
    }
    for (const { label, arn } of arns) {
      const name = awsManagedPolicyName(arn);
      if (name && ADMIN_POLICIES.has(name)) a.fail(`${label} attaches ${name}, expected a least-privilege policy`);
    }
    return a.verdict("no Action \"*\" and no administrator policy");
  },
};
