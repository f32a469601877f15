/**
 * JSON values as one-line HCL expressions, for the branches of the conditionals the module merge writes (a template
 * string cannot hold a multi-line expression).
 */
import { closingBracket, wholeExpression } from "../hcl/template";
import { template } from "./hcl/render";

const SIMPLE_REFERENCE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/** `f(...)` whose parentheses close at the very end: one term, safe without parentheses of its own. */
function isOneCall(source: string): boolean {
  const open = /^[A-Za-z_]\w*\(/.exec(source)?.[0].length;
  if (open === undefined) return false;
  try {
    return closingBracket(source, open - 1) === source.length - 1;
  } catch {
    return false; // unbalanced: not one call
  }
}

/** `value` as an HCL expression; collections are converted (`tolist`, `tomap`) so both branches of a conditional agree. */
export function inlineExpression(value: unknown, convertCollections = true): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string") {
    const whole = wholeExpression(value);
    // a plain reference needs no parentheses; anything else keeps them (it may be an operator expression)
    if (whole !== undefined) return SIMPLE_REFERENCE.test(whole) || isOneCall(whole) ? whole : `(${whole})`;
    return template(value);
  }
  if (Array.isArray(value)) {
    const tuple = `[${value.map((v) => inlineExpression(v, false)).join(", ")}]`;
    return convertCollections ? `tolist(${tuple})` : tuple;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)} = ${inlineExpression(v, false)}`);
  const object = `{${entries.join(", ")}}`;
  return convertCollections ? `tomap(${object})` : object;
}
