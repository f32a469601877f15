/**
 * All-or-nothing output: synth writes into a staging directory beside the real one, and only a complete synth
 * replaces it. Terraform's working files in the old stack directories (.terraform, lock file, local state, plans)
 * are carried over so a re-synth never costs an operator their init or their state.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const TERRAFORM_WORKING_FILE = /^(\.terraform(\.lock\.hcl)?|.*\.tfstate(\.backup)?|.*\.tfplan)$/;

/** A fresh, empty staging directory beside `outdir` (same filesystem, so the final rename is atomic). */
export function prepareStaging(outdir: string): string {
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(staging), { recursive: true });
  return staging;
}

export function discardStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}

/** Moves `staging` into place as `outdir`. */
export function commitStaging(staging: string, outdir: string): void {
  if (!existsSync(outdir)) {
    renameSync(staging, outdir);
    return;
  }
  carryOverWorkingFiles(join(outdir, "stacks"), join(staging, "stacks"));
  const previous = `${outdir}.previous-${process.pid}`;
  rmSync(previous, { recursive: true, force: true });
  renameSync(outdir, previous);
  renameSync(staging, outdir);
  rmSync(previous, { recursive: true, force: true });
}

function carryOverWorkingFiles(oldStacks: string, newStacks: string): void {
  if (!existsSync(oldStacks)) return;
  for (const stack of readdirSync(oldStacks, { withFileTypes: true })) {
    const target = join(newStacks, stack.name);
    if (!stack.isDirectory() || !existsSync(target)) continue;
    for (const entry of readdirSync(join(oldStacks, stack.name))) {
      if (TERRAFORM_WORKING_FILE.test(entry) && !existsSync(join(target, entry))) {
        renameSync(join(oldStacks, stack.name, entry), join(target, entry));
      }
    }
  }
}
