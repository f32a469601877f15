/**
 * Templates as Terraform's JSON syntax holds them (a string value with `${...}` interpolations) and bracket matching,
 * both through the one tokenizer.
 */
import { HclSyntaxError, scanTemplate, tokenize, type TemplatePart } from "./tokens";

export type { TemplatePart };

/** Splits a JSON-syntax string into literal text and `${...}` expressions (`$${` is an escaped literal, kept `${`). */
export function splitTemplate(s: string): readonly TemplatePart[] {
  return scanTemplate(s, 0, "end", false).parts;
}

export const isExpression = (value: unknown): value is string => typeof value === "string" && value.includes("${");

/** The inner source when the whole string is one `${...}`, e.g. `aws_vpc.main.id` for `"${aws_vpc.main.id}"`. */
export function wholeExpression(s: string): string | undefined {
  if (!s.startsWith("${")) return undefined;
  try {
    const parts = splitTemplate(s);
    return parts.length === 1 && parts[0].kind === "expr" ? parts[0].source : undefined;
  } catch {
    return undefined;
  }
}

/** Index just after the string literal that starts at `start` (the opening quote). */
export function skipString(s: string, start: number): number {
  return scanTemplate(s, start + 1, '"', true).end + 1;
}

/** Index of the bracket that closes the one at `start`, skipping string literals. */
export function closingBracket(s: string, start: number): number {
  let depth = 0;
  for (const t of tokenize(s, start)) {
    if (t.kind === "eof") break;
    if (t.kind !== "punct") continue;
    if (t.text === "[" || t.text === "(" || t.text === "{") depth += 1;
    else if (t.text === "]" || t.text === ")" || t.text === "}") {
      depth -= 1;
      if (depth === 0) return t.start;
    }
  }
  throw new HclSyntaxError("unbalanced brackets");
}
