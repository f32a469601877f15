/** IAM policy documents as rules read them, wherever they are declared. */
import { Unknown, isUnknown, type Context, type Resource, type Value, type ValueMap } from "../../model";
import type { Assessment } from "./assessment";
import { blocks, isMap, list } from "./values";

export interface Principal {
  /** AWS, Service, Federated, CanonicalUser; "*" for a bare `"Principal": "*"`. */
  readonly type: string;
  readonly id: string;
}

export interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly usesNotAction: boolean;
  readonly resources: readonly string[];
  readonly principals: readonly Principal[];
  readonly conditions: ValueMap;
  readonly hasCondition: boolean;
  /** A Condition with at least one value that narrows anything (`"arn:aws:iam::*"` or `"*"` narrow nothing). */
  readonly hasRestrictingCondition: boolean;
}

const WILDCARD_VALUE = /^(\*|arn:aws[\w-]*:iam::\*.*)$/;

function restricts(conditions: ValueMap): boolean {
  return Object.values(conditions).some(
    (byKey) => isMap(byKey) && Object.values(byKey).some((v) => list(v).some((x) => !(typeof x === "string" && WILDCARD_VALUE.test(x)))),
  );
}

const strings = (v: Value | undefined): readonly string[] => list(v).map((x) => (typeof x === "string" ? x : JSON.stringify(x)));

function principalsOf(p: Value | undefined): readonly Principal[] {
  if (p === undefined || p === null) return [];
  if (typeof p === "string") return [{ type: p === "*" ? "*" : "AWS", id: p }];
  // not valid IAM, but its intent is plain: a list of principals
  if (Array.isArray(p)) return p.flatMap((x: Value) => principalsOf(x));
  if (!isMap(p)) return [];
  return Object.entries(p).flatMap(([type, ids]) => strings(ids).map((id) => ({ type, id })));
}

/** The statements of a parsed document; Unknown when the document could not be read. */
export function statementsOf(doc: Value): readonly Statement[] | Unknown {
  if (isUnknown(doc)) return doc;
  if (!isMap(doc)) return new Unknown("the policy is not a JSON object");
  return list(doc.Statement)
    .filter(isMap)
    .map((s) => ({
      effect: typeof s.Effect === "string" ? s.Effect : "Allow",
      actions: strings(s.Action ?? s.NotAction),
      usesNotAction: s.NotAction !== undefined,
      resources: strings(s.Resource ?? s.NotResource),
      principals: principalsOf(s.Principal),
      conditions: isMap(s.Condition) ? s.Condition : {},
      hasCondition: isMap(s.Condition) && Object.keys(s.Condition).length > 0,
      hasRestrictingCondition: isMap(s.Condition) && restricts(s.Condition),
    }));
}

/** `*` or `{"AWS": "*"}`. */
export const isAnyone = (p: Principal): boolean => p.id === "*";

export interface NamedDocument {
  readonly label: string;
  readonly doc: Value;
}

const IDENTITY_POLICY_TYPES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"];
/** IAM Identity Center permission sets carry the same identity policies, for people rather than workloads. */
const SSO_INLINE_POLICY_TYPE = "aws_ssoadmin_permission_set_inline_policy";

/** Resource types that carry identity policies (the IAM content rules judge these). */
export const IDENTITY_DOCUMENT_TYPES = [...IDENTITY_POLICY_TYPES, SSO_INLINE_POLICY_TYPE, "aws_iam_role", "data.aws_iam_policy_document"];

/**
 * The identity-policy documents a resource declares. A policy-document data source counts only on its own: when a
 * resource uses it, the finding belongs to that resource; with principals it is a trust or resource policy.
 */
export function identityDocuments(resource: Resource, ctx: Context): readonly NamedDocument[] {
  if (IDENTITY_POLICY_TYPES.includes(resource.type)) return [{ label: "policy", doc: resource.values.policy ?? new Unknown("no policy") }];
  if (resource.type === SSO_INLINE_POLICY_TYPE) return [{ label: "inline_policy", doc: resource.values.inline_policy ?? new Unknown("no inline_policy") }];
  if (resource.type === "aws_iam_role") {
    return blocks(resource.values.inline_policy)
      .filter((b) => b.policy != null)
      .map((b, i) => ({ label: `inline_policy[${i}].policy`, doc: b.policy }));
  }
  if (resource.mode === "data" && resource.type === "aws_iam_policy_document") {
    if (ctx.referencesTo(resource).length > 0) return [];
    const doc = ctx.parseJson(`\${${resource.address}.json}`);
    const statements = statementsOf(doc);
    if (!isUnknown(statements) && statements.some((s) => s.principals.length > 0)) return [];
    return [{ label: "statement", doc }];
  }
  return [];
}

/** The name of an AWS-managed policy ARN (`arn:<partition>:iam::aws:policy/<path>/<Name>`), else undefined. */
export function awsManagedPolicyName(arn: Value): string | undefined {
  if (typeof arn !== "string") return undefined;
  return /:iam::aws:policy\/(?:[^"]*\/)?([^/"]+)$/.exec(arn)?.[1];
}

export const ATTACHMENT_TYPES = [
  "aws_iam_role_policy_attachment",
  "aws_iam_policy_attachment",
  "aws_iam_user_policy_attachment",
  "aws_iam_group_policy_attachment",
];

/** A permission set's managed policy: administrator access for people is judged like a workload's. */
export const SSO_ATTACHMENT_TYPE = "aws_ssoadmin_managed_policy_attachment";

/** Managed-policy ARNs a resource attaches: `policy_arn` of an attachment, `managed_policy_arns` of a role. */
export function attachedPolicyArns(resource: Resource, ctx: Context): readonly { readonly label: string; readonly arn: Value }[] {
  const arnOf = (v: Value): Value => {
    // data "aws_iam_policy" looked up by name or ARN
    const ref = ctx.resolve(v);
    if (ref?.resource?.mode === "data" && ref.resource.type === "aws_iam_policy") {
      const { arn, name } = ref.resource.values;
      return typeof arn === "string" ? arn : typeof name === "string" ? `arn:aws:iam::aws:policy/${name}` : v;
    }
    return v;
  };
  if (ATTACHMENT_TYPES.includes(resource.type)) return [{ label: "policy_arn", arn: arnOf(resource.values.policy_arn ?? null) }];
  if (resource.type === SSO_ATTACHMENT_TYPE) return [{ label: "managed_policy_arn", arn: arnOf(resource.values.managed_policy_arn ?? null) }];
  if (resource.type === "aws_iam_role")
    return list(resource.values.managed_policy_arns).map((arn, i) => ({ label: `managed_policy_arns[${i}]`, arn: arnOf(arn) }));
  return [];
}

/** Case-insensitive IAM action pattern match (`*` and `?` wildcards in the pattern). */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return regex.test(action);
}

/** The statements of each readable document; a document that cannot be read is recorded as unknown on `a`. */
export function readableStatements(
  docs: readonly NamedDocument[],
  a: Assessment,
): Array<{ readonly label: string; readonly statements: readonly Statement[] }> {
  return docs.flatMap(({ label, doc }) => {
    const statements = statementsOf(doc);
    if (!isUnknown(statements)) return [{ label, statements }];
    a.unknown(`${label}: ${statements.reason}`);
    return [];
  });
}
