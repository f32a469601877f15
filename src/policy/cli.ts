/**
 * npm run policy [-- <cdk.tf.json | plan.json | file.tf | dir>...] [--format text|json|markdown|sarif] [--out file] [--waivers file]
 * No paths: every cdktf.out/stacks/*\/cdk.tf.json. A directory holding `.tf` files is one Terraform root module (HCL
 * and `.tf.json`, parsed with @cdktf/hcl2json); any other directory is searched for cdk.tf.json stacks, else for
 * Terraform module directories. Local module calls are followed (see load-hcl.ts); what cannot be followed is said on
 * stderr. Exit 0 pass, 1 unwaived HIGH/CRITICAL failure, 2 bad input (including HCL the parser rejects: the message
 * names the file and line) or a run that judged nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluate } from "./engine";
import { FORMATTERS, isFormat, type Format } from "./format/index";
import { InputError, loadStack } from "./load";
import { isTerraformDirectory } from "./load-hcl";
import type { Waiver } from "./model";
import { STACK_WAIVERS_FILE } from "./stack-waivers";
import { exitCode, oneLineVerdict, type PolicyReport } from "./report";

interface Options {
  readonly inputs: readonly string[];
  readonly format: Format;
  readonly out?: string;
  readonly waivers?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const inputs: string[] = [];
  let format: Format = "text";
  let out: string | undefined;
  let waivers: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new InputError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--format") {
      const f = value();
      if (!isFormat(f)) throw new InputError(`--format ${f}: expected text, json, markdown or sarif`);
      format = f;
    } else if (arg === "--out") out = value();
    else if (arg === "--waivers") waivers = value();
    else if (arg.startsWith("--")) throw new InputError(`unknown option ${arg}`);
    else inputs.push(arg);
  }
  return { inputs, format, out, waivers };
}

const skipped = (name: string): boolean => name === "node_modules" || name.startsWith(".");

/** cdk.tf.json files under a directory (a cdktf.out, a stack folder, or any tree). */
function findStacks(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return skipped(e.name) ? [] : findStacks(full);
    return e.name === "cdk.tf.json" ? [full] : [];
  });
}

/** Terraform module directories under a directory; a module's own subdirectories belong to it and are not searched. */
function findModules(dir: string): string[] {
  if (isTerraformDirectory(dir)) return [dir];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !skipped(e.name))
    .flatMap((e) => findModules(path.join(dir, e.name)));
}

/** What to load: stack files, plan files, Terraform files and module directories. */
function inputPaths(inputs: readonly string[]): readonly string[] {
  if (inputs.length === 0) {
    const stacks = fs.existsSync("cdktf.out/stacks") ? findStacks("cdktf.out/stacks").sort() : [];
    if (stacks.length === 0) throw new InputError("cdktf.out/stacks/*/cdk.tf.json: none found; run npm run synth first or name files");
    return stacks;
  }
  return inputs.flatMap((input) => {
    if (!fs.existsSync(input)) throw new InputError(`${input}: no such file or directory`);
    if (!fs.statSync(input).isDirectory() || isTerraformDirectory(input)) return [input];
    const found = findStacks(input).sort();
    if (found.length) return found;
    const modules = findModules(input).sort();
    if (modules.length === 0) throw new InputError(`${input}: no cdk.tf.json and no Terraform (.tf) files in this directory`);
    return modules;
  });
}

function readWaivers(file: string): readonly Waiver[] {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file}: cannot read waivers (${(error as Error).message})`);
  }
  if (!Array.isArray(doc)) throw new InputError(`${file}: expected a JSON list of {rule, resource?, reason}`);
  return doc as readonly Waiver[];
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseArgs(argv);
    const waivers = options.waivers ? readWaivers(options.waivers) : [];
    const stacks = [];
    for (const input of inputPaths(options.inputs)) {
      const stack = await loadStack(input);
      // A synthesised stack carries the waivers its config implies (written by synth beside cdk.tf.json).
      const besideStack = path.join(path.dirname(input), STACK_WAIVERS_FILE);
      const stackWaivers = path.basename(input) === "cdk.tf.json" && fs.existsSync(besideStack) ? readWaivers(besideStack) : [];
      // what the loader could not follow (a remote module, a counted module call) is said, never skipped silently
      for (const note of stack.notes ?? []) process.stderr.write(`policy: ${input}: ${note}\n`);
      try {
        stacks.push(evaluate(stack, { waivers: [...waivers, ...stackWaivers] }));
      } catch (error) {
        throw new InputError(`${input}: ${(error as Error).message}`);
      }
    }
    const judged = stacks.reduce((n, s) => n + s.summary.applicable, 0);
    if (judged === 0) throw new InputError(`judged nothing: no resource of ${options.inputs.join(", ") || "the stacks"} is in scope of any enabled rule`);
    const report: PolicyReport = { stacks };
    const output = FORMATTERS[options.format](report);
    if (options.out) {
      fs.writeFileSync(options.out, output);
      process.stdout.write(`${oneLineVerdict(report)}\n`);
    } else process.stdout.write(output);
    return exitCode(report);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`policy: ${error.message}\n`);
    return 2;
  }
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
