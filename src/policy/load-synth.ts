/**
 * Reads Terraform JSON as CDKTF synthesises it (`resource.<type>.<name>`, `data.<type>.<name>`), through the same
 * reader as a Terraform directory (load-hcl.ts): a block with a literal `count` or `for_each` becomes its instances.
 */
import * as fs from "node:fs";
import type { LoadedStack } from "./model";
import { stackNameFromPath } from "./stack-name";
import { stackFromTerraform } from "./load-hcl";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function isSynthJson(doc: unknown): boolean {
  return isObject(doc) && ("resource" in doc || "data" in doc) && !("planned_values" in doc) && !("format_version" in doc);
}

/** Loads a synthesised stack from a path or an already-parsed object. */
export function loadSynthJson(source: string | object, name?: string): LoadedStack {
  const file = typeof source === "string" ? source : undefined;
  const doc: unknown = file ? JSON.parse(fs.readFileSync(file, "utf8")) : source;
  if (!isObject(doc)) throw new Error(`${file ?? "input"}: not a Terraform JSON object`);
  // The same reading as a Terraform directory's: count and for_each with literal values expand into instances.
  const { resources } = stackFromTerraform([doc as never], "synth");
  return { name: name ?? (file ? stackNameFromPath(file) : "stack"), kind: "synth", path: file, resources };
}
