/**
 * Deep merge for config layering: objects merge key by key, everything else (lists included) is replaced. Keys that
 * would reach an object's prototype (`__proto__`, `constructor`, `prototype`) are refused before any merge
 * (`unsafeKeys`); the merge itself defines own properties, so even an unchecked one could never be applied.
 */
import { formatPath } from "./issues";

export type PlainObject = Record<string, unknown>;

/** Keys JavaScript treats specially on plain objects: a config never needs them, an attacker does. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
/** Deepest nesting a config may have (the schema's deepest field is 6 levels down). */
export const MAX_DEPTH = 32;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function deepMerge(base: PlainObject, override: PlainObject): PlainObject {
  const merged: PlainObject = {};
  for (const [key, value] of [...Object.entries(base), ...Object.entries(override)]) {
    if (UNSAFE_KEYS.has(key)) throw new Error(`refusing to merge the key ${key}`); // unsafeKeys reports these first
    const existing = Object.hasOwn(merged, key) ? merged[key] : undefined;
    const next = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
    Object.defineProperty(merged, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/** True when `path` names a value present in `document` (used to tell which layer a bad value came from). */
export function hasPath(document: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = document;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isPlainObject(node) && typeof segment === "string" && Object.hasOwn(node, segment)) node = node[segment];
    else return false;
  }
  return true;
}

/** A structural problem of the parsed document: where, and what. */
export interface UnsafeKey {
  readonly path: string;
  readonly message: string;
}

/**
 * Every prototype-reaching key anywhere in the document, and nesting beyond MAX_DEPTH (walked without recursion, so
 * no input can exhaust the stack here).
 */
export function unsafeKeys(document: unknown): UnsafeKey[] {
  const found: UnsafeKey[] = [];
  const stack: Array<{ node: unknown; path: PropertyKey[] }> = [{ node: document, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) {
      found.push({ path: formatPath(path), message: `is nested more than ${MAX_DEPTH} levels deep; no setting is that deep` });
      continue;
    }
    // Children pushed last-first, so they are visited (and reported) in document order.
    if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: [...path, i] });
    else if (isPlainObject(node)) {
      for (const key of Object.keys(node).reverse()) {
        if (UNSAFE_KEYS.has(key)) {
          found.push({
            path: formatPath([...path, key]),
            message: `is a reserved key (${[...UNSAFE_KEYS].join(", ")} can change how every object behaves); remove it — no setting has this name`,
          });
        } else stack.push({ node: node[key], path: [...path, key] });
      }
    }
  }
  return found;
}
