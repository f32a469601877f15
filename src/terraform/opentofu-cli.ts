/**
 * npm run opentofu:check [-- <dir>...]: every synthesised stack (`cdk.tf.json`) and every Terraform module directory
 * (`.tf` files) under the given directories (default: cdktf.out and terraform-modules) must run on both Terraform and
 * OpenTofu from 1.10 on: no function or setting either lacks there (opentofu-compat.ts), and no lock file in a module
 * tree as git tracks it. Exit 0 compatible, 1 a finding, 2 nothing to check or unreadable input.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseTerraformFile, terraformFilesIn } from "../policy/load-hcl";
import { compatibilityProblems, lockFilesIn, SUPPORTED_FLOOR } from "./opentofu-compat";

/** `cdk.tf.json` files and directories holding `.tf` files under `dir` (never inside `.terraform/`). */
function configurationsIn(dir: string): { readonly stacks: string[]; readonly modules: string[] } {
  const stacks: string[] = [];
  const modules: string[] = [];
  const walk = (d: string) => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    if (entries.some((e) => e.isFile() && e.name.endsWith(".tf"))) modules.push(d);
    for (const e of entries) {
      if (e.isFile() && e.name === "cdk.tf.json") stacks.push(join(d, e.name));
      if (e.isDirectory() && e.name !== ".terraform" && e.name !== "node_modules") walk(join(d, e.name));
    }
  };
  walk(dir);
  return { stacks, modules };
}

/** Files git tracks under `dir` (what a module release publishes); the whole tree when it is not in a git checkout. */
function publishedFiles(dir: string): string[] {
  try {
    return execFileSync("git", ["ls-files", "-z", "--", "."], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\0")
      .filter(Boolean);
  } catch {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else files.push(relative(dir, join(d, e.name)));
      }
    };
    walk(dir);
    return files;
  }
}

export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const dirs = (argv.length > 0 ? argv : ["cdktf.out", "terraform-modules"]).map((d) => resolve(cwd, d));
  const missing = dirs.filter((d) => !existsSync(d) || !statSync(d).isDirectory());
  if (missing.length > 0) {
    console.error(`opentofu:check: not a directory: ${missing.map((d) => relative(cwd, d)).join(", ")}`);
    return 2;
  }
  const findings: string[] = [];
  let checked = 0;
  try {
    for (const dir of dirs) {
      const { stacks, modules } = configurationsIn(dir);
      for (const stack of stacks) {
        checked += 1;
        for (const problem of compatibilityProblems(await parseTerraformFile(stack))) findings.push(`${relative(cwd, stack)}: ${problem}`);
      }
      for (const module of modules) {
        checked += 1;
        for (const file of terraformFilesIn(module)) {
          for (const problem of compatibilityProblems(await parseTerraformFile(file))) findings.push(`${relative(cwd, file)}: ${problem}`);
        }
      }
      if (modules.length > 0) {
        for (const lock of lockFilesIn(publishedFiles(dir))) {
          findings.push(`${relative(cwd, join(dir, lock))}: a committed lock file (Terraform's and OpenTofu's differ; let each user's init write it)`);
        }
      }
    }
  } catch (error) {
    console.error(`opentofu:check: ${(error as Error).message}`);
    return 2;
  }
  if (checked === 0) {
    console.error(`opentofu:check: no cdk.tf.json or .tf files under ${dirs.map((d) => relative(cwd, d)).join(", ")}`);
    return 2;
  }
  const floor = `Terraform ≥ ${SUPPORTED_FLOOR.terraform} and OpenTofu ≥ ${SUPPORTED_FLOOR.opentofu}`;
  if (findings.length > 0) {
    console.error(`opentofu:check: ${findings.length} finding(s) against ${floor}:\n${findings.map((f) => `  ${f}`).join("\n")}`);
    return 1;
  }
  console.log(`opentofu:check: ${checked} configurations run on ${floor}`);
  return 0;
}

if (require.main === module) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
