/**
 * Structural normalisation of a resource body: every nested block becomes an array (CDKTF emits a single block as an
 * object, plans and hcl2json as a one-element array), the `"//"` metadata key is dropped, map-typed attributes stay
 * maps. JSON-string attributes are parsed later by the context, which can follow references.
 */
import { Unknown, type Value, type ValueMap } from "./model";

/** Attributes whose object value is a string map, not a block (so it is not wrapped in an array). */
const MAP_ATTRIBUTES: ReadonlySet<string> = new Set([
  "tags",
  "tags_all",
  "variables",
  "triggers",
  "backup_options",
  "driver_opts",
  "labels",
  "docker_labels",
  "environment_variables",
]);

/** Attributes that hold a JSON document as a string, by resource type ("*" for every type). */
export const JSON_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["*", new Set(["policy", "assume_role_policy", "container_definitions", "policy_document", "access_policies"])],
  ["aws_iam_policy_document", new Set(["json"])],
  ["aws_ssoadmin_permission_set_inline_policy", new Set(["inline_policy"])],
]);

export const isJsonAttribute = (type: string, attribute: string): boolean =>
  (JSON_ATTRIBUTES.get("*")?.has(attribute) ?? false) || (JSON_ATTRIBUTES.get(type)?.has(attribute) ?? false);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unknown);

function normaliseValue(key: string, value: unknown): Value {
  // a JSON document given as an object (not the usual string) is a document, not a block
  if (JSON_ATTRIBUTES.get("*")?.has(key) && isPlainObject(value)) return value as Value;
  if (Array.isArray(value)) return value.map((item) => (isPlainObject(item) ? normaliseBody(item) : normaliseValue(key, item)));
  if (isPlainObject(value)) return MAP_ATTRIBUTES.has(key) ? normaliseMap(value) : [normaliseBody(value)];
  if (value === undefined) return null;
  return value as Value;
}

function normaliseMap(map: Record<string, unknown>): ValueMap {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, normaliseValue(k, v)]));
}

/** A resource or block body with blocks as arrays and `"//"` removed. */
export function normaliseBody(body: Record<string, unknown>): ValueMap {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k !== "//")
      .map(([k, v]) => [k, normaliseValue(k, v)]),
  );
}
