/** The policy report's one-line verdict for a freshly synthesised stack (the full report: `npm run policy`). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { waiversFor } from "../config/design-waivers";
import type { EnvironmentConfig } from "../config/schema/resolve";
import { evaluate } from "../policy/engine";
import { loadSynthJson } from "../policy/load-synth";
import { oneLineVerdict, type StackReport } from "../policy/report";
import { STACK_WAIVERS_FILE } from "../policy/stack-waivers";

/** Judges the stack with its config's waivers, and leaves those waivers beside it for `npm run policy`. */
export function policyReportFor(outdir: string, env: EnvironmentConfig): StackReport {
  const stackDir = join(outdir, "stacks", env.name);
  const waivers = waiversFor(env);
  writeFileSync(join(stackDir, STACK_WAIVERS_FILE), `${JSON.stringify(waivers, null, 2)}\n`);
  return evaluate(loadSynthJson(join(stackDir, "cdk.tf.json"), env.name), { waivers });
}

export { oneLineVerdict };
