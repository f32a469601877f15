/** Tri-state readers for normalised attribute values: a literal, absent (undefined) or Unknown (an expression). */
import { isExpression } from "../../../hcl/template";
import { Unknown, isUnknown, type Value, type ValueMap } from "../../model";

const unresolved = (v: string): Unknown => new Unknown(`"${v}" cannot be evaluated statically`);

export function bool(v: Value | undefined): boolean | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v) || typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  return isExpression(v) ? unresolved(v) : new Unknown(`${JSON.stringify(v)} is not a boolean`);
}

export function num(v: Value | undefined): number | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v) || typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return isExpression(v) ? unresolved(v) : new Unknown(`${JSON.stringify(v)} is not a number`);
}

export function str(v: Value | undefined): string | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (typeof v === "string") return isExpression(v) ? unresolved(v) : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return new Unknown(`${JSON.stringify(v)} is not a string`);
}

export const isMap = (v: unknown): v is ValueMap => typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);

/** The blocks of a nested-block attribute (already arrays after normalisation; a lone map is accepted too). */
export function blocks(v: Value | undefined): readonly ValueMap[] {
  if (Array.isArray(v)) return v.filter(isMap);
  return isMap(v) ? [v] : [];
}

export const first = (v: Value | undefined): ValueMap | undefined => blocks(v)[0];

/** A list attribute as an array: absent is empty, a single value a one-element list. */
export function list(v: Value | undefined): readonly Value[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** How a value reads in a message. */
export function show(v: Value | undefined): string {
  if (v === undefined || v === null) return "(absent)";
  if (isUnknown(v)) return `(unknown: ${v.reason})`;
  return JSON.stringify(v);
}
