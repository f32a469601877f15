/**
 * npm run policy:conformance:validate [-- <suite dir>]: runs `terraform validate` (offline, through the provider mirror)
 * on every root module of checkov's fixtures and caches what it reports in terraform-validity.json beside this file,
 * keyed by the module's directory and a hash of its files. The conformance figure counts an expectation only where
 * Terraform loads the module and reports no error on the tested block (support/conformance.ts); the cache makes that
 * verdict Terraform's own, re-run here whenever a fixture changes (a stale entry fails the conformance test).
 */
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findTerraform } from "../../../src/terraform/terraform-env";
import { terraformFilesIn } from "../../../src/policy/load-hcl";
import { DEFAULT_SUITE, checkFolders, moduleDirs } from "./conformance";

export const VALIDITY_FILE = path.join(__dirname, "terraform-validity.json");

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly file?: string;
  readonly line?: number;
}

export interface ModuleValidity {
  /** sha256 of the module's Terraform files (names and contents). */
  readonly hash: string;
  /** Terraform loaded the module and validated it: init succeeded and validate ran to its diagnostics. */
  readonly loads: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export type ValidityCache = Readonly<Record<string, ModuleValidity>>;

export function hashModule(dir: string): string {
  const h = crypto.createHash("sha256");
  for (const file of terraformFilesIn(dir)) h.update(path.basename(file)).update("\0").update(fs.readFileSync(file)).update("\0");
  return h.digest("hex");
}

export function readValidity(): ValidityCache {
  return fs.existsSync(VALIDITY_FILE) ? (JSON.parse(fs.readFileSync(VALIDITY_FILE, "utf8")) as ValidityCache) : {};
}

function run(env: NodeJS.ProcessEnv, cwd: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  try {
    return { ok: true, stdout: execFileSync("terraform", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }), stderr: "" };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, stdout: String(e.stdout ?? ""), stderr: String(e.stderr ?? "") };
  }
}

/**
 * Validates modules in one terraform run (loading the AWS provider's schema once is most of the cost): each is a child
 * module of a scratch root, and each diagnostic is attributed to the module whose file it names. Diagnostics of the
 * root (a required variable the call does not set) are not the fixture's. Returns undefined when the batch cannot run.
 */
function validateBatch(env: NodeJS.ProcessEnv, dirs: readonly string[]): Map<string, Omit<ModuleValidity, "hash">> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pi-conformance-validate-"));
  const out = new Map<string, Omit<ModuleValidity, "hash">>();
  try {
    const calls = dirs.map((dir, i) => {
      const target = path.join(scratch, `m${i}`);
      fs.mkdirSync(target);
      const variables = new Set<string>();
      for (const file of terraformFilesIn(dir)) {
        fs.copyFileSync(file, path.join(target, path.basename(file)));
        for (const m of fs.readFileSync(file, "utf8").matchAll(/^variable\s+"([^"]+)"/gm)) variables.add(m[1]);
      }
      // every input null: a required variable left unset would stop terraform before it validates the module's blocks
      return `module "m${i}" {\n  source = "./m${i}"\n${[...variables].map((v) => `  ${v} = null\n`).join("")}}\n`;
    });
    // a module Terraform cannot load (a duplicate block, a syntax error) stops init for all: it is recorded as not
    // loading, with Terraform's message, and init runs again without it
    const live = new Set(dirs.map((_, i) => i));
    for (let attempt = 0; attempt < 10; attempt += 1) {
      fs.writeFileSync(path.join(scratch, "root.tf"), [...live].map((i) => calls[i]).join(""));
      const init = run(env, scratch, ["init", "-backend=false", "-input=false", "-no-color"]);
      if (init.ok) break;
      const text = `${init.stdout}\n${init.stderr}`;
      const failing = new Map<number, string>();
      for (const m of text.matchAll(/Error: ([^\n]+)\n\n\s+on m(\d+)[\\/]/g)) if (!failing.has(Number(m[2]))) failing.set(Number(m[2]), m[1].trim());
      if (failing.size === 0) throw new Error(`terraform init failed for the batch:\n${text.slice(0, 2000)}`);
      for (const [i, summary] of failing) {
        live.delete(i);
        out.set(dirs[i], { loads: false, diagnostics: [{ severity: "error", summary: `terraform does not load the module: ${summary}` }] });
      }
    }
    type Raw = { severity: string; summary: string; detail?: string; range?: { filename: string; start: { line: number } } };
    let doc: { diagnostics?: Raw[] } = {};
    // an error without a source range (a provider alias no block configures) stops validate for every module: the
    // module it names is recorded as not validating, and validate runs again without it
    for (let attempt = 0; attempt < 10; attempt += 1) {
      fs.writeFileSync(path.join(scratch, "root.tf"), [...live].map((i) => calls[i]).join(""));
      doc = JSON.parse(run(env, scratch, ["validate", "-json", "-no-color"]).stdout || "{}") as { diagnostics?: Raw[] };
      const stopping = new Map<number, string>();
      for (const d of doc.diagnostics ?? [])
        if (d.severity === "error" && !d.range) {
          const m = /module\.m(\d+)\./.exec(d.detail ?? "");
          if (m) stopping.set(Number(m[1]), d.summary);
        }
      if (stopping.size === 0) break;
      for (const [i, summary] of stopping) {
        live.delete(i);
        out.set(dirs[i], { loads: false, diagnostics: [{ severity: "error", summary: `terraform validate stops on the module: ${summary}` }] });
      }
    }
    for (const i of live) out.set(dirs[i], { loads: true, diagnostics: [] });
    for (const d of doc.diagnostics ?? []) {
      const m = d.range ? /^m(\d+)[\\/](.+)$/.exec(d.range.filename) : null;
      if (!m || !d.range || !live.has(Number(m[1]))) continue;
      (out.get(dirs[Number(m[1])])!.diagnostics as Diagnostic[]).push({ severity: d.severity, summary: d.summary, file: m[2], line: d.range.start.line });
    }
    return out;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const suite = process.argv[2] ?? process.env.PI_CHECKOV_SUITE ?? DEFAULT_SUITE;
  const tf = findTerraform(path.resolve(__dirname, "../../.."));
  if (!tf.available) {
    process.stderr.write(`policy:conformance:validate: ${tf.reason}\n`);
    return 2;
  }
  const env = tf.env;
  const previous = readValidity();
  const out: Record<string, ModuleValidity> = {};
  try {
    const all = checkFolders(suite).flatMap((check) => moduleDirs(path.join(suite, check)));
    const todo: string[] = [];
    for (const dir of all) {
      const key = path.relative(suite, dir);
      const hash = hashModule(dir);
      if (previous[key]?.hash === hash) out[key] = previous[key];
      else todo.push(dir);
    }
    const results = todo.length ? validateBatch(env, todo) : new Map<string, Omit<ModuleValidity, "hash">>();
    for (const dir of todo) {
      const key = path.relative(suite, dir);
      out[key] = { hash: hashModule(dir), ...(results.get(dir) as Omit<ModuleValidity, "hash">) };
      const errors = out[key].diagnostics.filter((d) => d.severity === "error").length;
      process.stdout.write(`${key}: ${out[key].loads ? `${errors} errors` : "does not load"}\n`);
    }
  } catch (error) {
    process.stderr.write(`policy:conformance:validate: ${(error as Error).message}\n`);
    return 1;
  }
  const sorted = Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
  fs.writeFileSync(VALIDITY_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  return 0;
}

if (require.main === module) void main().then((code) => (process.exitCode = code));
