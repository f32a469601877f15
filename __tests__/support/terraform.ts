/**
 * Test support for the tests that run terraform itself: terraform with the offline provider mirror (when present),
 * a visible notice where it is missing (a failure under CI=true, see each file's "required" test), and one way to
 * synthesise an example and plan one of its stacks.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/app/run";
import { checkStack, type StackCheck } from "../../src/gate/check-stack";
import { findTerraform } from "../../src/gate/terraform-env";

export const projectRoot = join(__dirname, "..", "..");
export const terraform = findTerraform(projectRoot);
/** Under CI=true terraform must be there: its absence fails instead of skipping. */
export const terraformRequired = process.env.CI === "true";

export function noticeIfTerraformMissing(skipping: string): void {
  if (!terraform.available && !terraformRequired) console.warn(`\n⚠ terraform not found (${terraform.reason}): skipping ${skipping}\n`);
}

/** Synthesises examples/<example>.yaml into a fresh directory; returns the output directory (cdktf.out equivalent). */
export function synthExample(example: string): string {
  const cwd = mkdtempSync(join(tmpdir(), `pi-${example}-`));
  const code = run({
    argv: ["--config", join(projectRoot, "examples", `${example}.yaml`), "--out", "out"],
    env: {},
    cwd,
    stdout: () => undefined,
    stderr: () => undefined,
  });
  if (code !== 0) throw new Error(`synth of examples/${example}.yaml exited ${code}`);
  return join(cwd, "out");
}

/** terraform init/validate/plan/show-json of one stack of an example, offline. */
export async function planExample(example: string, stack: string): Promise<StackCheck> {
  if (!terraform.available) throw new Error(terraform.reason);
  const out = synthExample(example);
  return checkStack(join(out, "stacks", stack), join(out, "..", `scratch-${stack}`), terraform.env);
}
