/** The policy report's one-line verdict for a freshly synthesised stack (the full report: `npm run policy`). */
import { join } from "node:path";
import { waiversFor } from "../config/design-waivers";
import type { EnvironmentConfig } from "../config/schema/resolve";
import { evaluate } from "../policy/engine";
import { loadSynthJson } from "../policy/load-synth";
import { oneLineVerdict, type StackReport } from "../policy/report";

export function policyReportFor(outdir: string, env: EnvironmentConfig): StackReport {
  return evaluate(loadSynthJson(join(outdir, "stacks", env.name, "cdk.tf.json"), env.name), { waivers: waiversFor(env) });
}

export { oneLineVerdict };
