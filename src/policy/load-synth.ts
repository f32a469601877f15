/**
 * Reads Terraform JSON as CDKTF synthesises it (`resource.<type>.<name>`, `data.<type>.<name>`). A body may also be
 * an array of bodies, as `@cdktf/hcl2json` emits for HCL; duplicate blocks with one address keep the first body.
 */
import * as fs from "node:fs";
import type { LoadedResource, LoadedStack } from "./model";
import { stackNameFromPath } from "./stack-name";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `resource`/`data` may be one object or an array of objects (Terraform's JSON syntax allows both). */
function sections(section: unknown): readonly Record<string, unknown>[] {
  if (Array.isArray(section)) return section.filter(isObject);
  return isObject(section) ? [section] : [];
}

function blocksOf(section: unknown, mode: "managed" | "data"): LoadedResource[] {
  const out: LoadedResource[] = [];
  for (const byType of sections(section)) {
    for (const [type, byName] of Object.entries(byType)) {
      for (const byNameObject of sections(byName)) {
        for (const [name, raw] of Object.entries(byNameObject)) {
          const body = Array.isArray(raw) ? raw.find(isObject) : raw;
          if (!isObject(body)) throw new Error(`${mode === "data" ? "data." : ""}${type}.${name}: the body must be an object`);
          out.push({ address: `${mode === "data" ? "data." : ""}${type}.${name}`, mode, type, name, body, raw, links: [] });
        }
      }
    }
  }
  return out;
}

export function isSynthJson(doc: unknown): boolean {
  return isObject(doc) && ("resource" in doc || "data" in doc) && !("planned_values" in doc) && !("format_version" in doc);
}

/** Loads a synthesised stack from a path or an already-parsed object. */
export function loadSynthJson(source: string | object, name?: string): LoadedStack {
  const file = typeof source === "string" ? source : undefined;
  const doc: unknown = file ? JSON.parse(fs.readFileSync(file, "utf8")) : source;
  if (!isObject(doc)) throw new Error(`${file ?? "input"}: not a Terraform JSON object`);
  const seen = new Set<string>();
  const resources = [...blocksOf(doc.resource, "managed"), ...blocksOf(doc.data, "data")].filter((r) => {
    if (seen.has(r.address)) return false;
    seen.add(r.address);
    return true;
  });
  return { name: name ?? (file ? stackNameFromPath(file) : "stack"), kind: "synth", path: file, resources };
}
