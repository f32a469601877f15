/**
 * Reads `terraform show -json` output. Planned values carry no references and omit values known only after apply,
 * so the references from `configuration` are written back as `${...}` strings (the same shape as synthesised JSON)
 * and the remaining after-apply values become Unknown.
 */
import * as fs from "node:fs";
import { Unknown, type LoadedResource, type LoadedStack } from "./model";
import { isJsonAttribute } from "./normalise";
import { stackNameFromPath } from "./stack-name";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

export function isPlanJson(doc: unknown): boolean {
  return isObject(doc) && "format_version" in doc && ("planned_values" in doc || "values" in doc || "configuration" in doc);
}

const NON_RESOURCE = /^(var|local|count|each|path|terraform|self)\./;

/** Drops references that only prefix a longer one: `aws_vpc.a.id`, `aws_vpc.a` → `aws_vpc.a.id`. */
function mostSpecific(references: readonly string[]): readonly string[] {
  return references.filter((r) => !references.some((o) => o !== r && (o.startsWith(`${r}.`) || o.startsWith(`${r}[`))));
}

/** Turns `expressions` into `${ref}` values, recursing into nested blocks. */
function overlayOf(expressions: Json, prefix: string, links: string[]): Json {
  const out: Json = {};
  for (const [key, expression] of Object.entries(expressions)) {
    if (Array.isArray(expression)) {
      out[key] = expression.map((block) => (isObject(block) ? overlayOf(block, prefix, links) : undefined));
    } else if (isObject(expression) && Array.isArray(expression.references)) {
      // Only resource, data and module references link resources; a var/local/count/each value is already in the
      // planned values, concretely. References inside a module are relative to it.
      const refs = mostSpecific(expression.references.filter((r): r is string => typeof r === "string" && !NON_RESOURCE.test(r))).map((r) => `${prefix}${r}`);
      if (refs.length === 0) continue;
      links.push(...refs);
      out[key] = refs.length === 1 ? `\${${refs[0]}}` : refs.map((r) => `\${${r}}`);
    } else if (isObject(expression) && !("constant_value" in expression)) {
      out[key] = [overlayOf(expression, prefix, links)];
    }
  }
  return out;
}

/** Writes references over values that are missing, unknown or a plain string; keeps concrete JSON documents. */
function applyOverlay(type: string, values: Json, overlay: Json): Json {
  const out: Json = { ...values };
  for (const [key, ref] of Object.entries(overlay)) {
    const current = out[key];
    const isRefForm = typeof ref === "string" || (Array.isArray(ref) && ref.every((r) => typeof r === "string"));
    if (isRefForm) {
      const keep = isJsonAttribute(type, key) && typeof current === "string";
      if (!keep && (current === undefined || current === null || typeof current === "string" || Array.isArray(current))) out[key] = ref;
    } else if (Array.isArray(ref) && Array.isArray(current)) {
      out[key] = current.map((block, i) => (isObject(block) && isObject(ref[i]) ? applyOverlay(type, block, ref[i] as Json) : block));
    }
  }
  return out;
}

/** Marks values that the plan says are known only after apply. */
function applyUnknown(values: Json, afterUnknown: unknown): Json {
  if (!isObject(afterUnknown)) return values;
  const out: Json = { ...values };
  for (const [key, marker] of Object.entries(afterUnknown)) {
    const current = out[key];
    if (marker === true && (current === undefined || current === null)) out[key] = new Unknown(`${key} is known only after apply`);
    else if (Array.isArray(marker) && Array.isArray(current)) out[key] = current.map((item, i) => (isObject(item) ? applyUnknown(item, marker[i]) : item));
  }
  return out;
}

interface ConfigEntry {
  readonly expressions: Json;
}

function indexConfiguration(module: unknown, prefix: string, out: Map<string, ConfigEntry>): void {
  if (!isObject(module)) return;
  for (const r of asArray(module.resources)) {
    if (isObject(r) && typeof r.address === "string") out.set(prefix + r.address, { expressions: isObject(r.expressions) ? r.expressions : {} });
  }
  const calls = isObject(module.module_calls) ? module.module_calls : {};
  for (const [name, call] of Object.entries(calls)) indexConfiguration(isObject(call) ? call.module : undefined, `${prefix}module.${name}.`, out);
}

/**
 * Meta-arguments `terraform show -json` never records (its `configuration` section has expressions, count and for_each,
 * but no `lifecycle`; checked with Terraform 1.11): a plan alone cannot say whether they are set, so they are Unknown,
 * never "absent". A plan judged with its source (load-plan-with-source) gets them from the source.
 */
const CONFIG_ONLY_LIFECYCLE = ["create_before_destroy", "prevent_destroy"] as const;
const lifecycleUnknown = (): Json[] => [
  Object.fromEntries(CONFIG_ONLY_LIFECYCLE.map((k) => [k, new Unknown(`lifecycle.${k} is configuration only: a plan does not record it (scan the source)`)])),
];

const withoutIndexes = (address: string): string => address.replace(/\[[^\]]*\]/g, "");

/** Loads a plan (or state) from a path or an already-parsed object. */
export function loadPlanJson(source: string | object, name?: string): LoadedStack {
  const file = typeof source === "string" ? source : undefined;
  const doc: unknown = file ? JSON.parse(fs.readFileSync(file, "utf8")) : source;
  if (!isPlanJson(doc) || !isObject(doc)) throw new Error(`${file ?? "input"}: not a terraform show -json document`);
  const config = new Map<string, ConfigEntry>();
  indexConfiguration(isObject(doc.configuration) ? doc.configuration.root_module : undefined, "", config);
  const afterUnknown = new Map<string, unknown>();
  for (const change of asArray(doc.resource_changes)) {
    if (isObject(change) && isObject(change.change)) afterUnknown.set(String(change.address), change.change.after_unknown);
  }
  const resources: LoadedResource[] = [];
  const walk = (module: unknown): void => {
    if (!isObject(module)) return;
    const prefix = typeof module.address === "string" ? `${module.address}.` : "";
    for (const r of asArray(module.resources)) {
      if (!isObject(r) || typeof r.address !== "string" || typeof r.type !== "string") continue;
      const entry = config.get(withoutIndexes(r.address));
      const links: string[] = [];
      const overlay = entry ? overlayOf(entry.expressions, prefix, links) : {};
      const values = applyUnknown(applyOverlay(r.type, isObject(r.values) ? r.values : {}, overlay), afterUnknown.get(r.address));
      if (r.mode !== "data" && !("lifecycle" in values)) values.lifecycle = lifecycleUnknown();
      resources.push({
        address: r.address,
        mode: r.mode === "data" ? "data" : "managed",
        type: r.type,
        name: String(r.name),
        body: values,
        raw: r,
        links,
      });
    }
    for (const child of asArray(module.child_modules)) walk(child);
  };
  const values = isObject(doc.planned_values) ? doc.planned_values : isObject(doc.values) ? doc.values : {};
  walk(values.root_module);
  return { name: name ?? (file ? stackNameFromPath(file) : "plan"), kind: "plan", path: file, resources };
}
