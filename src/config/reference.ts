/** Renders the configuration reference (a Markdown table per section) from the JSON Schema, for the README. */
import { markdownCell } from "../markdown-cell";

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
};

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly fallback: string;
  readonly description: string;
}

export function renderConfigReference(schema: JsonSchema): string {
  const top = schema.properties ?? {};
  const environment = top.environments?.additionalProperties as JsonSchema;
  const sections = [
    "#### File",
    "",
    table(["project", "defaults", "environments"].map((key) => row(key, top[key], (schema.required ?? []).includes(key)))),
    "",
    "#### Environment settings (`environments.<name>.…`, or shared under `defaults.…`)",
    "",
    table(collectRows(environment, "")),
  ];
  return sections.join("\n");
}

function collectRows(schema: JsonSchema, prefix: string): Row[] {
  const rows: Row[] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const required = (schema.required ?? []).includes(key);
    const variants = child.oneOf ?? child.anyOf;
    if (child.properties) {
      if (child.description) rows.push(row(path, child, required));
      rows.push(...collectRows(child, path));
    } else if (variants?.every((v) => v.properties)) {
      rows.push(row(path, child, required));
      for (const variant of variants) {
        const [discriminator, value] = Object.entries(variant.properties ?? {}).find(([, p]) => p.const !== undefined) ?? [];
        const label = discriminator ? `${path} (${discriminator}: ${String(value?.const)})` : path;
        rows.push(...collectRows(variant, label));
      }
    } else {
      rows.push(row(path, child, required));
    }
  }
  return rows;
}

function row(path: string, schema: JsonSchema | undefined, required: boolean): Row {
  const description = schema?.description ?? "";
  const [text, documentedDefault] = description.split(/\s*@default\s+/);
  const fallback = schema?.default !== undefined && !isEmptyObject(schema.default) ? `\`${JSON.stringify(schema.default)}\`` : (documentedDefault ?? "");
  return { path, type: typeOf(schema), required, fallback, description: text };
}

function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return "";
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  if (schema.oneOf || schema.anyOf) return "object";
  if (schema.type === "array") return `list of ${typeOf(schema.items)}`;
  if (schema.type === "object" && typeof schema.additionalProperties === "object") return `map of ${typeOf(schema.additionalProperties)}`;
  return String(schema.type ?? "any");
}

function table(rows: readonly Row[]): string {
  return [
    "| Setting | Type | Required | Default | Description |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| \`${r.path}\` | ${r.type.includes("`") ? r.type : markdownCell(r.type)} | ${r.required ? "yes" : ""} | ${markdownCell(r.fallback)} | ${markdownCell(r.description)} |`,
    ),
  ].join("\n");
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
