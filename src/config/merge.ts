/** Deep merge for config layering: objects merge key by key, everything else (lists included) is replaced. */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepMerge(base: PlainObject, override: PlainObject): PlainObject {
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const existing = merged[key];
    merged[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return merged;
}

/** True when `path` names a value present in `document` (used to tell which layer a bad value came from). */
export function hasPath(document: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = document;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isPlainObject(node) && typeof segment === "string" && segment in node) node = node[segment];
    else return false;
  }
  return true;
}
