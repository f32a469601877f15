/**
 * Plain-language messages for the checks whose schema gives none: zod's own wording ("expected record", "Invalid
 * discriminator value", "expected int to be <=9007199254740991") never reaches the operator. Passed to every parse as
 * its error map, so a message written beside a field still wins.
 */
import type { z } from "zod";

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping of settings (key: value)",
  record: "a mapping (key: value)",
  map: "a mapping (key: value)",
  array: "a list",
  tuple: "a list",
  literal: "a fixed value",
};

/** What a value of the YAML document is, in the operator's words. */
function kindOf(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return Number.isInteger(value) ? "a whole number" : "a number";
  }
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "true/false";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

const typeName = (expected: string): string => TYPE_NAMES[expected] ?? expected;

function sizeLimit(issue: { origin: string; inclusive?: boolean }, bound: number | bigint, direction: "at most" | "at least"): string {
  const n = Number(bound);
  const exact = issue.inclusive === false ? (direction === "at most" ? n - 1 : n + 1) : n;
  if (issue.origin === "array" || issue.origin === "set") return `must have ${direction} ${exact} entr${exact === 1 ? "y" : "ies"}`;
  if (issue.origin === "string") return `must be ${direction} ${exact} character${exact === 1 ? "" : "s"} long`;
  if (issue.origin === "int" && n === Number.MAX_SAFE_INTEGER) return "is too large to be an exact whole number; use a realistic value";
  if (issue.origin === "int" && n === Number.MIN_SAFE_INTEGER) return "is too small to be an exact whole number; use a realistic value";
  return `must be ${direction} ${exact}`;
}

/** The error map: undefined leaves a schema's own message in place. */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return `is required (${typeName(issue.expected)})`;
      if (issue.expected === "int" && typeof issue.input === "number" && Number.isFinite(issue.input)) return "must be a whole number";
      return `must be ${typeName(issue.expected)}, not ${kindOf(issue.input)}`;
    }
    case "invalid_union": {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      const options = (issue as { options?: unknown[] }).options ?? [];
      if (disc !== undefined) {
        const allowed = options.map((o) => JSON.stringify(o)).join("|");
        const given = typeof issue.input === "object" && issue.input !== null ? (issue.input as Record<string, unknown>)[disc] : undefined;
        return given === undefined ? `is required: one of ${allowed}` : `must be one of ${allowed}`;
      }
      return "matches none of the allowed forms";
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join("|")}`;
    case "too_big":
      return sizeLimit(issue, issue.maximum, "at most");
    case "too_small":
      return sizeLimit(issue, issue.minimum, "at least");
    case "invalid_format":
      return `must be ${issue.format === "regex" ? "in the documented format" : `a valid ${issue.format}`}`;
    case "not_multiple_of":
      return `must be a multiple of ${Number(issue.divisor)}`;
    case "invalid_key":
      return "has a key that is not allowed";
    case "invalid_element":
      return "has an entry that is not allowed";
    default:
      return undefined;
  }
};
