/**
 * Renders a `data.aws_iam_policy_document` as the IAM JSON it produces, so every policy document can be read the
 * same way wherever it appears.
 */
import { isUnknown, type Value, type ValueMap } from "./model";

const blocks = (v: Value | undefined): readonly ValueMap[] =>
  Array.isArray(v) ? v.filter((b): b is ValueMap => typeof b === "object" && b !== null && !Array.isArray(b) && !isUnknown(b)) : [];

function principalsOf(list: readonly ValueMap[]): Value {
  const out: Record<string, Value[]> = {};
  for (const p of list) {
    const type = String(p.type);
    const ids = Array.isArray(p.identifiers) ? p.identifiers : [p.identifiers ?? null];
    if (type === "*") return "*";
    out[type] = [...(out[type] ?? []), ...ids];
  }
  return out;
}

function conditionsOf(list: readonly ValueMap[]): Value {
  const out: Record<string, Record<string, Value>> = {};
  for (const c of list) out[String(c.test)] = { ...(out[String(c.test)] ?? {}), [String(c.variable)]: c.values ?? null };
  return out;
}

function statementOf(s: ValueMap): ValueMap {
  const out: Record<string, Value> = { Effect: s.effect ?? "Allow" };
  if (s.sid != null) out.Sid = s.sid;
  if (s.actions != null) out.Action = s.actions;
  if (s.not_actions != null) out.NotAction = s.not_actions;
  if (s.resources != null) out.Resource = s.resources;
  if (s.not_resources != null) out.NotResource = s.not_resources;
  if (blocks(s.principals).length) out.Principal = principalsOf(blocks(s.principals));
  if (blocks(s.not_principals).length) out.NotPrincipal = principalsOf(blocks(s.not_principals));
  if (blocks(s.condition).length) out.Condition = conditionsOf(blocks(s.condition));
  return out;
}

/**
 * The IAM JSON of a policy-document data source. `parse` reads the documents it merges
 * (`source_policy_documents`, `override_policy_documents`); an unreadable one makes the whole document Unknown.
 */
export function renderPolicyDocument(values: ValueMap, parse: (v: Value) => Value): Value {
  const merged: Value[] = [];
  for (const key of ["source_policy_documents", "override_policy_documents"] as const) {
    for (const source of Array.isArray(values[key]) ? (values[key] as readonly Value[]) : []) {
      const doc = parse(source);
      if (isUnknown(doc)) return doc;
      const statements = typeof doc === "object" && doc !== null && !Array.isArray(doc) ? (doc as ValueMap).Statement : undefined;
      merged.push(...(Array.isArray(statements) ? statements : statements != null ? [statements] : []));
    }
  }
  return { Version: values.version ?? "2012-10-17", Statement: [...merged, ...blocks(values.statement).map(statementOf)] };
}
