/**
 * Load-time evaluation of the expressions `@cdktf/hcl2json` leaves as `${...}` strings, against a scope of named
 * values: `var` (variables with a literal default), `local`, `each`, `count` and `dynamic` block iterators. A traversal
 * the scope resolves is replaced by its value; a whole expression that is then literal is evaluated
 * (`${toset(["a"])}` becomes `["a"]`). Everything else (resources, data sources, variables without a literal default,
 * functions and operators the engine does not know) stays a `${...}` expression, which rules read as UNKNOWN.
 */
import { closingBracket, evaluateLiteral, skipString, splitTemplate, wholeExpression } from "./hcl-expression";
import type { Value, ValueMap } from "./model";

/** Root name (`var`, `local`, `each`, `count`, an iterator) → its value. */
export type Scope = ReadonlyMap<string, Value>;

type Step = { readonly attr: string } | { readonly index: string } | { readonly splat: true };

const isMap = (v: unknown): v is ValueMap => typeof v === "object" && v !== null && !Array.isArray(v);
const BARE_TRAVERSAL = /^(?:data\.)?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]]*\])*$/;

const stepText = (step: Step): string => ("attr" in step ? `.${step.attr}` : "index" in step ? `[${step.index}]` : "[*]");

/** How a resolved value is written back into expression source. */
function render(value: Value): string {
  if (typeof value === "string") {
    const inner = wholeExpression(value);
    if (inner !== undefined && BARE_TRAVERSAL.test(inner)) return inner;
  }
  return JSON.stringify(value);
}

/** The source text of a traversal the scope resolves (fully, or to a reference plus the remaining steps). */
function resolveTraversal(root: string, steps: readonly Step[], scope: Scope): string | undefined {
  if (!scope.has(root)) return undefined;
  let value = scope.get(root) as Value;
  for (let k = 0; k < steps.length; k += 1) {
    const step = steps[k];
    if (typeof value === "string") {
      const inner = wholeExpression(value);
      // a scope value that is itself a reference (`local.bucket = aws_s3_bucket.b`): continue the traversal there
      if (inner !== undefined && BARE_TRAVERSAL.test(inner)) return inner + steps.slice(k).map(stepText).join("");
      return undefined;
    }
    if ("splat" in step) return undefined;
    let key: Value;
    if ("attr" in step) key = step.attr;
    else {
      try {
        key = evaluateLiteral(step.index);
      } catch {
        return undefined;
      }
    }
    if (Array.isArray(value) && (typeof key === "number" || (typeof key === "string" && /^\d+$/.test(key)))) {
      const item = (value as readonly Value[])[Number(key)];
      if (item === undefined) return undefined;
      value = item;
    } else if (isMap(value) && (typeof key === "string" || typeof key === "number") && String(key) in value) {
      value = value[String(key)];
    } else return undefined;
  }
  return render(value);
}

/** Rewrites the traversals of an expression's source that the scope resolves; the rest is kept verbatim. */
export function rewriteExpression(source: string, scope: Scope): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '"') {
      const end = skipString(source, i);
      out += `"${rewriteTemplate(source.slice(i + 1, end - 1), scope, true)}"`;
      i = end;
      continue;
    }
    if (/[A-Za-z_]/.test(c) && !/[\w.]/.test(source[i - 1] ?? "")) {
      const root = /^[A-Za-z_][\w-]*/.exec(source.slice(i))?.[0] ?? c;
      let j = i + root.length;
      if (source[j] === "(") {
        out += root;
        i = j;
        continue;
      }
      const steps: Step[] = [];
      for (;;) {
        const rest = source.slice(j);
        const attr = /^\.([A-Za-z_][\w-]*|\d+)/.exec(rest);
        if (attr) {
          steps.push(/^\d+$/.test(attr[1]) ? { index: attr[1] } : { attr: attr[1] });
          j += attr[0].length;
        } else if (rest.startsWith(".*") || rest.startsWith("[*]")) {
          steps.push({ splat: true });
          j += rest.startsWith(".*") ? 2 : 3;
        } else if (rest.startsWith("[")) {
          const end = closingBracket(source, j);
          steps.push({ index: rewriteExpression(source.slice(j + 1, end), scope) });
          j = end + 1;
        } else break;
      }
      out += resolveTraversal(root, steps, scope) ?? root + steps.map(stepText).join("");
      i = j;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/**
 * Rewrites the `${...}` parts of a template. Parts that become literal strings, numbers or booleans are inlined.
 * `quoted`: the template sits inside an expression's string literal, so inlined text is escaped for it.
 */
function rewriteTemplate(body: string, scope: Scope, quoted: boolean): string {
  return splitTemplate(body)
    .map((part) => {
      // Literal text holds "${" only where the source escaped it as "$${": escape it again.
      if (part.kind === "literal") return part.text.replaceAll("${", () => "$${");
      const source = rewriteExpression(part.source, scope);
      let value: Value | undefined;
      try {
        value = evaluateLiteral(source);
      } catch {
        value = undefined;
      }
      if (typeof value === "number" || typeof value === "boolean" || (typeof value === "string" && !value.startsWith("${")))
        return quoted ? JSON.stringify(String(value)).slice(1, -1) : String(value);
      return `\${${source}}`;
    })
    .join("");
}

/**
 * `cond ? a : b` with a condition that is now literal (`true ? (x) : (y)` once the switches' defaults are in) becomes the
 * chosen branch, recursively, even when the branch itself is not literal (a jsonencode over references).
 */
export function pruneConditionals(source: string): string {
  const split = splitConditional(source);
  if (!split) return source;
  let condition: Value;
  try {
    condition = evaluateLiteral(split.condition);
  } catch {
    return source;
  }
  if (typeof condition !== "boolean") return source;
  return pruneConditionals(unwrap((condition ? split.yes : split.no).trim()));
}

/** A top-level `c ? a : b`, or undefined. */
function splitConditional(source: string): { condition: string; yes: string; no: string } | undefined {
  let depth = 0;
  let question = -1;
  let nested = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '"') {
      i = skipString(source, i) - 1;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth += 1;
    else if (c === ")" || c === "]" || c === "}") depth -= 1;
    else if (depth === 0 && c === "?") {
      if (question < 0) question = i;
      else nested += 1;
    } else if (depth === 0 && c === ":" && question >= 0) {
      if (nested > 0) nested -= 1;
      else return { condition: source.slice(0, question).trim(), yes: source.slice(question + 1, i), no: source.slice(i + 1) };
    }
  }
  return undefined;
}

/** `(x)` → `x` when the parentheses enclose the whole source. */
function unwrap(source: string): string {
  return source.startsWith("(") && closingBracket(source, 0) === source.length - 1 ? unwrap(source.slice(1, -1).trim()) : source;
}

/** Evaluates one attribute string against the scope. */
export function substituteString(s: string, scope: Scope): Value {
  if (!s.includes("${")) return s;
  const whole = wholeExpression(s);
  try {
    if (whole === undefined) {
      splitTemplate(s); // throws on an unterminated expression
      return rewriteTemplate(s, scope, false);
    }
    const source = pruneConditionals(rewriteExpression(whole, scope));
    try {
      return evaluateLiteral(source);
    } catch {
      return `\${${source}}`;
    }
  } catch {
    return s;
  }
}

/** Evaluates every string inside a JSON value against the scope. */
export function substitute(value: unknown, scope: Scope): Value {
  if (typeof value === "string") return substituteString(value, scope);
  if (Array.isArray(value)) return value.map((v) => substitute(v, scope));
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, scope)]));
  return (value ?? null) as Value;
}
