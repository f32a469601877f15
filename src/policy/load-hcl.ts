/**
 * Reads a Terraform root module from a directory: every `.tf` file (parsed with `@cdktf/hcl2json`, HashiCorp's HCL v2
 * parser compiled to WASM) and every `.tf.json` file, merged into the shape the synth loader produces. Subdirectories
 * are not part of the module (Terraform reads one directory per module).
 *
 * hcl2json keeps expressions as `${...}` strings; they are evaluated here against `var.*` (literal defaults only),
 * `local.*`, `each.*`, `count.index` and `dynamic` iterators (see hcl-evaluate.ts). `count` and `for_each` with a
 * literal value expand into instances addressed as Terraform does (`aws_s3_bucket.this["a"]`, `aws_subnet.a[0]`);
 * otherwise the block stays one resource without an index. `dynamic` blocks expand into their blocks; with an
 * unresolved `for_each` the content is kept once, its iterator references unresolved.
 *
 * Local module calls (`source = "./x"` or `"../x"`) are followed: the module's variables take the call's arguments
 * (evaluated in the caller), its resources are judged under their module address (`module.app.aws_lb.this`) with
 * their references prefixed alike, and its outputs answer `module.app.<output>` in the caller. A call that cannot be
 * followed (a registry or git source, count/for_each on the call, a missing directory) is named in the stack's notes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { substitute, type Scope } from "../hcl/substitute";
import { plainTraversal, rewriteTemplateHeads } from "../hcl/traversals";
import type { LoadedResource, LoadedStack, Value, ValueMap } from "./model";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const objects = (v: unknown): readonly Json[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);

/** One diagnostic of the HCL parser. */
export interface HclDiagnostic {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** A file the HCL parser rejects: the message names the file and line and quotes the parser. */
export class HclParseError extends Error {
  constructor(readonly diagnostics: readonly HclDiagnostic[]) {
    super(diagnostics.map((d) => `${d.file}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ""}: ${d.message}`).join("\n"));
    this.name = "HclParseError";
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Splits hcl2json's `parse config: [<file>:<line>,<col>-<col>: <summary>; <detail> ...]` into diagnostics. */
export function diagnosticsOf(file: string, parserMessage: string): readonly HclDiagnostic[] {
  const text = parserMessage.replace(/^parse config: \[/, "").replace(/\]\s*$/, "");
  const at = new RegExp(`${escapeRegExp(file)}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, "g");
  const marks = [...text.matchAll(at)];
  if (marks.length === 0) return [{ file, message: text.trim() }];
  return marks.map((m, k) => ({
    file,
    line: Number(m[1]),
    column: Number(m[2]),
    message: text.slice((m.index ?? 0) + m[0].length, k + 1 < marks.length ? marks[k + 1].index : text.length).trim(),
  }));
}

/** The HCL parser package is not installed. */
export class HclUnavailableError extends Error {}

type Hcl2Json = { parse(filename: string, contents: string): Promise<Json> };
let hcl2json: Hcl2Json | undefined;

/**
 * `@cdktf/hcl2json` is loaded on first use, so JSON-only scans never start its WASM runtime (nor need the package:
 * it is a devDependency, so an install without dev dependencies reads synthesised stacks and plans only).
 */
function parser(): Hcl2Json {
  try {
    hcl2json ??= require("@cdktf/hcl2json") as Hcl2Json;
  } catch (error) {
    throw new HclUnavailableError(`reading HCL needs the @cdktf/hcl2json package (a devDependency; run npm ci): ${(error as Error).message.split("\n")[0]}`);
  }
  return hcl2json;
}

/** Parses one `.tf` (HCL) or `.tf.json` file; `file` is also the name diagnostics use. */
export async function parseTerraformFile(file: string, contents = fs.readFileSync(file, "utf8")): Promise<Json> {
  if (file.endsWith(".json")) {
    try {
      const doc: unknown = JSON.parse(contents);
      if (!isObject(doc)) throw new Error("expected a JSON object");
      return doc;
    } catch (error) {
      throw new HclParseError([{ file, message: (error as Error).message }]);
    }
  }
  try {
    return await parser().parse(file, contents);
  } catch (error) {
    throw new HclParseError(diagnosticsOf(file, (error as Error).message));
  }
}

/** The module's files: `*.tf` and `*.tf.json` directly in the directory, sorted. */
export function terraformFilesIn(dir: string): readonly string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && (e.name.endsWith(".tf") || e.name.endsWith(".tf.json")))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** True when the directory holds `.tf` files, or `.tf.json` files other than a lone synthesised cdk.tf.json. */
export function isTerraformDirectory(dir: string): boolean {
  const files = terraformFilesIn(dir).map((f) => path.basename(f));
  return files.some((f) => f.endsWith(".tf")) || files.some((f) => f !== "cdk.tf.json");
}

interface Block {
  /** The module path of the block: "" for the root module, `module.app.` inside a called module. */
  readonly prefix: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly body: Json;
  readonly raw: unknown;
}

/** What the merged files of a module declare. */
interface Module {
  readonly blocks: Block[];
  readonly variables: Map<string, Json>;
  readonly locals: Json;
  readonly calls: Map<string, Json>;
  readonly outputs: Map<string, Json>;
}

function collect(docs: readonly Json[], prefix = ""): Module {
  const module: Module = { blocks: [], variables: new Map(), locals: {}, calls: new Map(), outputs: new Map() };
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const [section, mode] of [
      ["resource", "managed"],
      ["data", "data"],
    ] as const) {
      for (const byType of objects(doc[section])) {
        for (const [type, byName] of Object.entries(byType)) {
          for (const names of objects(byName)) {
            for (const [name, raw] of Object.entries(names)) {
              const key = `${mode}.${type}.${name}`;
              const body = objects(raw)[0];
              // a block declared twice (Terraform rejects it; checkov reports the address once): the first one counts
              if (!body || seen.has(key)) continue;
              seen.add(key);
              module.blocks.push({ prefix, mode, type, name, body, raw });
            }
          }
        }
      }
    }
    for (const byName of objects(doc.variable)) {
      for (const [name, raw] of Object.entries(byName)) if (!module.variables.has(name)) module.variables.set(name, objects(raw)[0] ?? {});
    }
    for (const locals of objects(doc.locals)) Object.assign(module.locals, locals);
    for (const byName of objects(doc.module)) {
      for (const [name, raw] of Object.entries(byName)) if (!module.calls.has(name)) module.calls.set(name, objects(raw)[0] ?? {});
    }
    for (const byName of objects(doc.output)) {
      for (const [name, raw] of Object.entries(byName)) if (!module.outputs.has(name)) module.outputs.set(name, objects(raw)[0] ?? {});
    }
  }
  return module;
}

/** Every string of a JSON value with its reference heads moved under the module path (`aws_x.y` → `module.app.aws_x.y`). */
function underModule(value: unknown, prefix: string): unknown {
  if (!prefix) return value;
  if (typeof value === "string") {
    try {
      return rewriteTemplateHeads(value, (root, name) => (root === "var" || root === "local" ? undefined : `${prefix}${root}.${name}`));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((v) => underModule(v, prefix));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, underModule(v, prefix)]));
  return value;
}

/**
 * Variables with a literal default, then the caller's arguments (which may be references into the caller, kept so
 * that links cross the module boundary); a default holding an expression, or none, leaves `var.x` unresolved.
 */
function variablesOf(module: Module, inputs: ValueMap = {}): ValueMap {
  const out: Record<string, Value> = { ...inputs };
  for (const [name, body] of module.variables) {
    if (name in inputs || !("default" in body) || body.default === null) continue;
    if (!JSON.stringify(body.default).includes("${")) out[name] = body.default as Value;
  }
  return out;
}

/** Locals evaluated against the variables and each other, a few passes deep; unresolved parts stay expressions. */
function localsOf(module: Module, variables: ValueMap, modules: ValueMap = {}): ValueMap {
  let locals = module.locals as ValueMap;
  for (let pass = 0; pass < 8; pass += 1) {
    const scope: Scope = new Map<string, Value>([
      ["var", variables],
      ["local", locals],
      ["module", modules],
    ]);
    const next = substitute(module.locals, scope) as ValueMap;
    if (JSON.stringify(next) === JSON.stringify(locals)) break;
    locals = next;
  }
  return locals;
}

const withScope = (scope: Scope, name: string, value: Value): Scope => new Map([...scope, [name, value]]);

/** The instances a `for_each` or `count` value stands for; undefined when it is not literal. */
function instancesOf(value: Value): readonly { key: string | number; value: Value }[] | undefined {
  if (Array.isArray(value)) {
    if (!value.every((v) => typeof v === "string")) return undefined;
    return (value as string[]).map((v) => ({ key: v, value: v }));
  }
  // a map's keys name the instances; values holding expressions stay expressions
  if (isObject(value)) return Object.entries(value as ValueMap).map(([key, v]) => ({ key, value: v }));
  return undefined;
}

/** A `dynamic` block's generated blocks. */
function expandDynamic(blockName: string, spec: Json, scope: Scope): readonly Value[] {
  const content = objects(spec.content)[0] ?? {};
  const iteratorSpec = substitute(spec.iterator, new Map());
  const iterator = typeof iteratorSpec === "string" ? (plainTraversal(iteratorSpec) ?? iteratorSpec) : blockName;
  const forEach = substitute(spec.for_each, scope);
  const items: { key: Value; value: Value }[] | undefined = Array.isArray(forEach)
    ? forEach.map((value, key) => ({ key, value }))
    : isObject(forEach)
      ? Object.entries(forEach as ValueMap).map(([key, value]) => ({ key, value }))
      : undefined;
  if (!items) return [expandBody(content, scope)];
  return items.map((item) => expandBody(content, withScope(scope, iterator, { key: item.key, value: item.value })));
}

/** Evaluates a block body; `dynamic` blocks are appended to the static blocks of the same name. */
function expandBody(body: Json, scope: Scope): ValueMap {
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === "dynamic") continue;
    out[key] = isObject(value)
      ? expandBody(value, scope)
      : Array.isArray(value)
        ? value.map((v) => (isObject(v) ? expandBody(v, scope) : substitute(v, scope)))
        : substitute(value, scope);
  }
  for (const dynamic of objects(body.dynamic)) {
    for (const [blockName, specs] of Object.entries(dynamic)) {
      const generated = objects(specs).flatMap((spec) => expandDynamic(blockName, spec, scope));
      const existing = out[blockName];
      out[blockName] = [...(Array.isArray(existing) ? existing : existing != null ? [existing] : []), ...generated];
    }
  }
  return out;
}

const addressOf = (b: Block, key?: string | number): string =>
  `${b.prefix}${b.mode === "data" ? "data." : ""}${b.type}.${b.name}${key === undefined ? "" : `[${JSON.stringify(key)}]`}`;

type Instances = readonly { key: string | number; value: Value }[];

/**
 * The instances of every block with a `for_each` or `count` the engine can evaluate. `for_each = aws_x.y` (chaining
 * one resource's instances to another's, keyed alike) resolves once the referenced block's keys are known.
 */
function instanceTable(module: Module, scope: Scope): ReadonlyMap<Block, Instances> {
  const table = new Map<Block, Instances>();
  const keysByAddress = new Map<string, Instances>();
  for (let pass = 0; pass < 4; pass += 1) {
    for (const block of module.blocks) {
      if (table.has(block)) continue;
      const { count, for_each: forEach } = block.body;
      let instances: Instances | undefined;
      if (forEach !== undefined) {
        const value = substitute(forEach, scope);
        // `for_each = aws_x.y` (or `module.m.aws_x.y` inside a called module): keyed like the block it names
        const chained = typeof value === "string" ? plainTraversal(value) : undefined;
        const source = chained ? keysByAddress.get(chained) : undefined;
        instances = source ? source.map((i) => ({ key: i.key, value: `\${${chained}[${JSON.stringify(i.key)}]}` })) : instancesOf(value);
      } else if (count !== undefined) {
        const n = substitute(count, scope);
        if (typeof n === "number" && Number.isInteger(n) && n >= 0) instances = Array.from({ length: n }, (_, index) => ({ key: index, value: index }));
      }
      if (instances) {
        table.set(block, instances);
        keysByAddress.set(addressOf(block), instances);
      }
    }
  }
  return table;
}

/** Expands the blocks of a module into resources, instance by instance, in a scope of var, local and module. */
function resourcesOf(module: Module, scope: Scope): LoadedResource[] {
  const table = instanceTable(module, scope);
  const out: LoadedResource[] = [];
  for (const block of module.blocks) {
    const { count, for_each: forEach, ...body } = block.body;
    const make = (key: string | number | undefined, instanceScope: Scope): LoadedResource => ({
      address: addressOf(block, key),
      mode: block.mode,
      type: block.type,
      name: block.name,
      body: expandBody(body, instanceScope),
      raw: block.raw,
      links: [],
    });
    const instances = table.get(block);
    if (instances && forEach !== undefined) for (const i of instances) out.push(make(i.key, withScope(scope, "each", { key: i.key, value: i.value })));
    else if (instances && count !== undefined) for (const i of instances) out.push(make(i.key, withScope(scope, "count", { index: i.key })));
    // not evaluable: one resource without an index, its each.* / count.index references left unresolved
    else out.push(make(undefined, scope));
  }
  return out;
}

/** Reads a module directory's files; parse errors are collected (every rejected file is reported at once). */
async function readModuleFiles(dir: string): Promise<Json[]> {
  const files = terraformFilesIn(dir);
  if (files.length === 0) throw new Error(`${dir}: no .tf or .tf.json files`);
  const docs: Json[] = [];
  const diagnostics: HclDiagnostic[] = [];
  for (const file of files) {
    try {
      docs.push(await parseTerraformFile(file));
    } catch (error) {
      if (!(error instanceof HclParseError)) throw error;
      diagnostics.push(...error.diagnostics);
    }
  }
  if (diagnostics.length) throw new HclParseError(diagnostics);
  return docs;
}

/** Meta-arguments of a module call, not inputs of the module. */
const CALL_META = new Set(["source", "version", "providers", "depends_on", "count", "for_each"]);

interface Evaluated {
  readonly resources: LoadedResource[];
  readonly outputs: ValueMap;
}

/** Loads a called module's directory; undefined when the call cannot be followed (the reason goes to `notes`). */
type ModuleLoader = (call: string, source: string, inputs: ValueMap, prefix: string) => Evaluated | undefined;

/** Evaluates one module (already parsed) and, through `load`, the local modules it calls. */
function evaluateModule(docs: readonly Json[], prefix: string, inputs: ValueMap, notes: string[], load?: ModuleLoader): Evaluated {
  const module = collect(underModule(docs, prefix) as Json[], prefix);
  const variables = variablesOf(module, inputs);
  const outputsOfCalls: Record<string, Value> = {};
  const resources: LoadedResource[] = [];
  // calls whose arguments use another call's outputs wait for it: a few passes, then the rest with what is known
  const pending = new Map(module.calls);
  for (let pass = 0; pending.size > 0 && pass <= module.calls.size; pass += 1) {
    for (const [name, call] of [...pending]) {
      const waitsFor = [...pending.keys()].some((other) => other !== name && JSON.stringify(call).includes(`module.${other}.`));
      if (waitsFor && pass < module.calls.size) continue;
      pending.delete(name);
      const where = `${prefix}module.${name}`;
      const source = call.source;
      if (typeof source !== "string") {
        notes.push(`${where}: no literal source; not followed`);
        continue;
      }
      if (call.count !== undefined || call.for_each !== undefined) {
        notes.push(`${where}: count/for_each on a module call is not followed; its resources are not judged`);
        continue;
      }
      if (!/^\.\.?\//.test(source)) {
        notes.push(`${where}: source "${source}" is not a local path; not followed, its resources are not judged`);
        continue;
      }
      if (!load) {
        notes.push(`${where}: module calls are followed only when loading a directory; not followed`);
        continue;
      }
      const locals = localsOf(module, variables, outputsOfCalls);
      const scope: Scope = new Map<string, Value>([
        ["var", variables],
        ["local", locals],
        ["module", outputsOfCalls],
      ]);
      const args = Object.fromEntries(
        Object.entries(call)
          .filter(([k]) => !CALL_META.has(k))
          .map(([k, v]) => [k, substitute(v, scope)]),
      ) as ValueMap;
      const child = load(where, source, args, `${where}.`);
      if (!child) continue;
      resources.push(...child.resources);
      outputsOfCalls[name] = child.outputs;
    }
  }
  const locals = localsOf(module, variables, outputsOfCalls);
  const scope: Scope = new Map<string, Value>([
    ["var", variables],
    ["local", locals],
    ["module", outputsOfCalls],
  ]);
  resources.unshift(...resourcesOf(module, scope));
  const outputs = Object.fromEntries([...module.outputs].map(([name, body]) => [name, substitute(body.value, scope)])) as ValueMap;
  return { resources, outputs };
}

/** Builds a stack from already-parsed module files (hcl2json output or Terraform JSON syntax); module calls are noted, not followed. */
export function stackFromTerraform(docs: readonly Json[], name: string, dir?: string): LoadedStack {
  const notes: string[] = [];
  const { resources } = evaluateModule(docs, "", {}, notes);
  return { name, kind: "hcl", path: dir, resources, ...(notes.length ? { notes } : {}) };
}

/**
 * Loads the root module in `dir`. Throws HclParseError naming each rejected file and line (all files are parsed, so
 * every rejected file is reported at once).
 */
export async function loadTerraformDirectory(dir: string, name = path.basename(path.resolve(dir))): Promise<LoadedStack> {
  // parse every local module the tree calls first (the parser is asynchronous), then evaluate synchronously
  const parsed = new Map<string, Json[]>();
  const read = async (target: string, depth: number): Promise<void> => {
    if (parsed.has(target) || depth > 8 || !fs.existsSync(target) || terraformFilesIn(target).length === 0) return;
    const docs = await readModuleFiles(target);
    parsed.set(target, docs);
    for (const byName of docs.flatMap((d) => objects(d.module)))
      for (const call of Object.values(byName).flatMap(objects))
        if (typeof call.source === "string" && /^\.\.?\//.test(call.source)) await read(path.resolve(target, call.source), depth + 1);
  };
  const root = path.resolve(dir);
  await read(root, 0);
  if (!parsed.has(root)) throw new Error(`${dir}: no .tf or .tf.json files`);
  const notes: string[] = [];
  const loader =
    (from: string): ModuleLoader =>
    (call, source, inputs, prefix) => {
      const target = path.resolve(from, source);
      const docs = parsed.get(target);
      if (!docs) {
        notes.push(`${call}: ${source} holds no Terraform files (or nests too deep); not followed`);
        return undefined;
      }
      return evaluateModule(docs, prefix, inputs, notes, loader(target));
    };
  const { resources } = evaluateModule(parsed.get(root) as Json[], "", {}, notes, loader(root));
  return { name, kind: "hcl", path: dir, resources, ...(notes.length ? { notes } : {}) };
}
