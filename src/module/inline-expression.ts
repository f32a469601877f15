/**
 * JSON values as one-line HCL expressions, for the branches of the conditionals the module merge writes (a template
 * string cannot hold a multi-line expression).
 */
import { parseExpression, type Node } from "../hcl/parse";
import { wholeExpression } from "../hcl/template";
import { template } from "./hcl/render";

/** The expression's AST, or undefined when it does not parse. */
function astOf(source: string): Node | undefined {
  try {
    return parseExpression(source);
  } catch {
    return undefined;
  }
}

/** A plain reference (`var.x`, `aws_x.y[0].id`) or one call (`f(...)`): one term, safe without parentheses of its own. */
function isOneTerm(source: string): boolean {
  const node = astOf(source);
  if (!node) return false;
  if (node.type === "variable" || node.type === "call") return true;
  return (
    node.type === "traversal" &&
    node.root.type === "variable" &&
    node.steps.every((s) => s.kind === "attr" || (s.kind === "index" && s.key.type === "literal" && typeof s.key.value === "number"))
  );
}

/** `value` as an HCL expression; collections are converted (`tolist`, `tomap`) so both branches of a conditional agree. */
export function inlineExpression(value: unknown, convertCollections = true): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string") {
    const whole = wholeExpression(value);
    // a plain reference needs no parentheses; anything else keeps them (it may be an operator expression)
    if (whole !== undefined) return isOneTerm(whole) ? whole : `(${whole})`;
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
