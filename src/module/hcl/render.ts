/**
 * Terraform JSON → HCL native syntax, for the published modules. Templates whose whole body is one `${...}` become bare
 * expressions (no deprecated interpolation-only strings), block-typed keys become nested blocks (the provider's schema
 * says which), meta-arguments come first and lifecycle/depends_on last. The output is unaligned; `formatHcl` aligns it
 * the way `terraform fmt` does.
 */
import { splitTemplate, wholeExpression } from "../../hcl/template";
import type { BlockSchema, ProviderBlocks } from "./provider-blocks";

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

export class HclRenderError extends Error {}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** An expression-context JSON value (strings are templates) as HCL. */
export function expression(value: Json, indent = ""): string {
  if (typeof value === "string") return template(value);
  if (value === null || typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (Array.isArray(value))
    return tuple(
      value.map((v) => expression(v, `${indent}  `)),
      indent,
    );
  return object(
    Object.entries(value as JsonObject).map(([k, v]) => [k, expression(v, `${indent}  `)]),
    indent,
  );
}

/** A literal-context JSON value (variable defaults: `${` means itself) as HCL. */
export function literal(value: Json, indent = ""): string {
  if (typeof value === "string") return quote(value.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{"));
  if (value === null || typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (Array.isArray(value))
    return tuple(
      value.map((v) => literal(v, `${indent}  `)),
      indent,
    );
  return object(
    Object.entries(value as JsonObject).map(([k, v]) => [k, literal(v, `${indent}  `)]),
    indent,
  );
}

/** A JSON template string: a bare expression when it is one `${...}`, otherwise a quoted template. */
export function template(value: string): string {
  const whole = wholeExpression(value);
  if (whole !== undefined) return oneLine(whole);
  if (!value.includes("${")) return quote(value);
  return `"${splitTemplate(value)
    .map((part) =>
      part.kind === "literal"
        ? escapeQuoted(part.text)
            .replaceAll("${", () => "$${")
            .replaceAll("%{", () => "%%{")
        : part.kind === "directive"
          ? `%{${oneLine(part.source)}}`
          : `\${${oneLine(part.source)}}`,
    )
    .join("")}"`;
}

function oneLine(source: string): string {
  if (source.includes("\n")) throw new HclRenderError(`expression spans lines: ${source.slice(0, 80)}`);
  return source;
}

function quote(text: string): string {
  return `"${escapeQuoted(text)}"`;
}

function escapeQuoted(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters is the point: each one is written as an HCL escape.
  return text.replace(/[\\"\u0000-\u001f]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

function key(name: string): string {
  return IDENTIFIER.test(name) && !["true", "false", "null"].includes(name) ? name : quote(name);
}

function tuple(items: readonly string[], indent: string): string {
  if (items.length === 0) return "[]";
  const flat = `[${items.join(", ")}]`;
  if (!flat.includes("\n") && flat.length <= 100) return flat;
  return `[\n${items.map((item) => `${indent}  ${item},\n`).join("")}${indent}]`;
}

function object(entries: ReadonlyArray<readonly [string, string]>, indent: string): string {
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${indent}  ${key(k)} = ${v}\n`).join("")}${indent}}`;
}

/** A reference given as a JSON string (depends_on, replace_triggered_by, provider): bare. */
function reference(value: Json): string {
  if (typeof value !== "string") throw new HclRenderError(`expected a reference string, got ${JSON.stringify(value)}`);
  return wholeExpression(value) ?? value;
}

const META_FIRST = ["count", "for_each", "provider"] as const;
const META_LAST = ["lifecycle", "depends_on"] as const;

/** The body of a resource, data source or nested block. */
function body(content: JsonObject, schema: BlockSchema, indent: string, topLevel: boolean): string {
  const lines: string[] = [];
  const entries = Object.entries(content).filter(([k]) => k !== "//");
  const meta = topLevel ? entries.filter(([k]) => (META_FIRST as readonly string[]).includes(k)) : [];
  const last = topLevel ? entries.filter(([k]) => (META_LAST as readonly string[]).includes(k)) : [];
  const rest = entries.filter(([k]) => !meta.some(([m]) => m === k) && !last.some(([m]) => m === k));
  for (const [k, v] of meta) lines.push(`${indent}${k} = ${k === "provider" ? reference(v) : expression(v, indent)}`);
  const attributes = rest.filter(([k]) => !schema[k]);
  const blocks = rest.filter(([k]) => schema[k]);
  for (const [k, v] of attributes) lines.push(`${indent}${key(k)} = ${expression(v, indent)}`);
  for (const [k, v] of blocks) {
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (!isObject(item)) throw new HclRenderError(`block ${k} must be an object, got ${JSON.stringify(item)}`);
      lines.push("", `${indent}${k} {`, body(item, schema[k].blocks ?? {}, `${indent}  `, false), `${indent}}`);
    }
  }
  for (const [k, v] of last) {
    if (k === "depends_on") {
      if (!Array.isArray(v)) throw new HclRenderError("depends_on must be a list");
      lines.push("", `${indent}depends_on = ${tuple(v.map(reference), indent)}`);
    } else lines.push("", `${indent}lifecycle {`, lifecycle(v, `${indent}  `), `${indent}}`);
  }
  return lines.filter((line, i) => !(line === "" && (i === 0 || lines[i - 1] === ""))).join("\n");
}

function lifecycle(value: Json, indent: string): string {
  if (!isObject(value)) throw new HclRenderError("lifecycle must be an object");
  return Object.entries(value)
    .map(([k, v]) => {
      if (k === "ignore_changes" || k === "replace_triggered_by")
        return `${indent}${k} = ${v === "all" ? "all" : tuple((v as readonly Json[]).map(reference), indent)}`;
      if (k === "create_before_destroy" || k === "prevent_destroy") return `${indent}${k} = ${expression(v, indent)}`;
      throw new HclRenderError(`lifecycle.${k} is not supported by the module renderer`);
    })
    .join("\n");
}

function variable(name: string, content: JsonObject): string {
  const lines = [`variable "${name}" {`];
  for (const [k, v] of Object.entries(content)) {
    if (k === "type") lines.push(`  type = ${reference(v)}`);
    else if (k === "default") lines.push(`  default = ${literal(v, "  ")}`);
    else if (k === "description") lines.push(`  description = ${quote(String(v))}`);
    else if (k === "validation") {
      for (const rule of Array.isArray(v) ? v : [v]) {
        const r = rule as JsonObject;
        lines.push("", "  validation {", `    condition = ${template(String(r.condition))}`, `    error_message = ${template(String(r.error_message))}`, "  }");
      }
    } else lines.push(`  ${k} = ${expression(v, "  ")}`);
  }
  lines.push("}");
  return lines.join("\n");
}

function output(name: string, content: JsonObject): string {
  const lines = [`output "${name}" {`];
  for (const [k, v] of Object.entries(content)) {
    if (k === "description") lines.push(`  description = ${quote(String(v))}`);
    else if (k === "depends_on") lines.push(`  depends_on = ${tuple((v as readonly Json[]).map(reference), "  ")}`);
    else lines.push(`  ${k} = ${expression(v, "  ")}`);
  }
  lines.push("}");
  return lines.join("\n");
}

/** Terraform JSON sections to render; provider and backend never belong in a module and are rejected. */
/** A block body as Terraform JSON holds it. */
export type Body = Readonly<Record<string, unknown>>;

export interface TerraformDocument {
  readonly terraform?: Body;
  readonly variable?: Readonly<Record<string, Body>>;
  readonly locals?: Body;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Body>>>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Body>>>>;
  readonly output?: Readonly<Record<string, Body>>;
}

export function renderVariables(doc: TerraformDocument): string {
  return Object.entries(doc.variable ?? {})
    .map(([name, content]) => variable(name, content as JsonObject))
    .join("\n\n");
}

export function renderOutputs(doc: TerraformDocument): string {
  return Object.entries(doc.output ?? {})
    .map(([name, content]) => output(name, content as JsonObject))
    .join("\n\n");
}

export function renderMain(doc: TerraformDocument, blocks: ProviderBlocks): string {
  const sections: string[] = [];
  if (doc.locals && Object.keys(doc.locals).length > 0) sections.push(`locals {\n${body(doc.locals as JsonObject, {}, "  ", false)}\n}`);
  for (const [kind, byType] of [
    ["data", doc.data],
    ["resource", doc.resource],
  ] as const) {
    for (const [type, byName] of Object.entries(byType ?? {})) {
      const schema = kind === "data" ? blocks.data[type] : blocks.resource[type];
      for (const [name, content] of Object.entries(byName))
        sections.push(`${kind} "${type}" "${name}" {\n${body(content as JsonObject, schema ?? {}, "  ", true)}\n}`);
    }
  }
  return sections.join("\n\n");
}

export function renderVersions(requiredVersion: string, providers: Readonly<Record<string, { source: string; version: string }>>): string {
  const entries = Object.entries(providers)
    .map(([name, p]) => `    ${name} = {\n      source  = ${quote(p.source)}\n      version = ${quote(p.version)}\n    }`)
    .join("\n");
  return `terraform {\n  required_version = ${quote(requiredVersion)}\n\n  required_providers {\n${entries}\n  }\n}`;
}
