/**
 * Test support for the tests that run terraform itself: terraform with the offline provider mirror (when present),
 * a visible notice where it is missing (a failure under CI=true, see each file's "required" test), and one way to
 * synthesise an example and plan one of its stacks.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/app/run";
import { checkStack, planDirectory, type StackCheck } from "../../src/gate/check-stack";
import { GATE_OVERRIDE_FILE, gateOverride } from "../../src/gate/override";
import { findTerraform } from "../../src/terraform/terraform-env";

export const projectRoot = join(__dirname, "..", "..");
export const terraform = findTerraform(projectRoot);
/** Under CI=true terraform must be there: its absence fails instead of skipping. */
export const terraformRequired = process.env.CI === "true";

export function noticeIfTerraformMissing(skipping: string): void {
  if (!terraform.available && !terraformRequired) console.warn(`\n⚠ terraform not found (${terraform.reason}): skipping ${skipping}\n`);
}

/** Synthesises examples/<example>.yaml into a fresh directory; returns the output directory (cdktf.out equivalent). */
export function synthExample(example: string): string {
  return synthConfig(join(projectRoot, "examples", `${example}.yaml`));
}

/** Synthesises any config file into a fresh directory; returns the output directory. */
export function synthConfig(configFile: string): string {
  const cwd = mkdtempSync(join(tmpdir(), "pi-synth-"));
  const code = run({
    argv: ["--config", configFile, "--out", "out"],
    env: {},
    cwd,
    stdout: () => undefined,
    stderr: () => undefined,
  });
  if (code !== 0) throw new Error(`synth of ${configFile} exited ${code}`);
  return join(cwd, "out");
}

/** terraform init/validate/plan/show-json of one stack of an example, offline. */
export async function planExample(example: string, stack: string): Promise<StackCheck> {
  if (!terraform.available) throw new Error(terraform.reason);
  const out = synthExample(example);
  return checkStack(join(out, "stacks", stack), join(out, "..", `scratch-${stack}`), terraform.env);
}

/** terraform init/validate/plan/show-json of one stack of a config file, offline. */
export async function planConfig(configFile: string, stack: string): Promise<StackCheck> {
  if (!terraform.available) throw new Error(terraform.reason);
  const out = synthConfig(configFile);
  return checkStack(join(out, "stacks", stack), join(out, "..", `scratch-${stack}`), terraform.env);
}

/**
 * Plans a root module that calls the published modules, offline: terraform-modules/ is copied to a scratch directory
 * (the modules are called by relative path), `files` are written into `<scratch>/<dir>` with the gate's override.
 */
export async function planModuleRoot(dir: string, files: Readonly<Record<string, string>> = {}): Promise<StackCheck> {
  if (!terraform.available) throw new Error(terraform.reason);
  const scratch = mkdtempSync(join(tmpdir(), "pi-modules-"));
  cpSync(join(projectRoot, "terraform-modules"), join(scratch, "terraform-modules"), { recursive: true });
  const rootDir = join(scratch, "terraform-modules", dir);
  mkdirSync(rootDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(rootDir, name), content);
  writeFileSync(join(rootDir, GATE_OVERRIDE_FILE), JSON.stringify(gateOverride({ backend: false })));
  return planDirectory(rootDir, terraform.env);
}
