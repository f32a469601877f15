/**
 * Load-time evaluation of the expressions `@cdktf/hcl2json` leaves as `${...}` strings, against a scope of named
 * values: `var` (variables with a literal default), `local`, `each`, `count` and `dynamic` block iterators. A traversal
 * the scope resolves is replaced by its value; a whole expression that is then literal is evaluated
 * (`${toset(["a"])}` becomes `["a"]`). Everything else (resources, data sources, variables without a literal default,
 * functions and operators the evaluator does not know) stays a `${...}` expression, which rules read as UNKNOWN.
 */
import { evaluateNode, isLiteral, renderNode, type HclValue } from "./evaluate";
import { parseExpression, type Node } from "./parse";
import { splitTemplate, wholeExpression } from "./template";

/** Root name (`var`, `local`, `each`, `count`, an iterator) → its value. */
export type Scope = ReadonlyMap<string, unknown>;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The expression kept, with the scope written in; a conditional whose condition is now literal (`true ? x : y` once
 * a module's defaults are in) becomes its chosen branch, even when that branch is not literal.
 */
function kept(source: string, node: Node, scope: Scope): string {
  let n = node;
  for (;;) {
    while (n.type === "paren") n = n.inner;
    if (n.type !== "conditional") break;
    let condition: HclValue;
    try {
      condition = evaluateNode(source, n.condition, scope);
    } catch {
      break;
    }
    if (typeof condition !== "boolean") break;
    n = condition ? n.yes : n.no;
  }
  return renderNode(source, n, scope);
}

/** One expression: its value when literal, else the expression with the scope written in. */
function substituteExpression(source: string, scope: Scope): HclValue {
  const node = parseExpression(source);
  try {
    return evaluateNode(source, node, scope);
  } catch {
    return `\${${kept(source, node, scope)}}`;
  }
}

/** Evaluates one attribute string against the scope; a string the parser rejects is kept as it is. */
export function substituteString(s: string, scope: Scope): HclValue {
  if (!s.includes("${")) return s;
  try {
    const whole = wholeExpression(s);
    if (whole !== undefined) return substituteExpression(whole, scope);
    return splitTemplate(s)
      .map((part) => {
        if (part.kind === "literal") return part.text.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
        if (part.kind === "directive") return `%{${part.source}}`;
        const value = substituteExpression(part.source, scope);
        if (typeof value === "number" || typeof value === "boolean") return String(value);
        if (typeof value === "string") return value; // literal text, or a template the parts already escape
        return `\${${kept(part.source, parseExpression(part.source), scope)}}`;
      })
      .join("");
  } catch {
    return s;
  }
}

/** Evaluates every string inside a JSON value against the scope. */
export function substitute(value: unknown, scope: Scope): HclValue {
  if (typeof value === "string") return substituteString(value, scope);
  if (Array.isArray(value)) return value.map((v) => substitute(v, scope));
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, scope)]));
  return (value ?? null) as HclValue;
}

export { isLiteral };
