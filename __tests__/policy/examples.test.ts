/**
 * The shipped examples are what operators copy: every default rule must pass on each of their stacks, and every
 * waiver must be an explained one (the operator's, a setting's, or the rule pack's own), never silence.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { describe, expect, test } from "vitest";
import { waiversFor } from "../../src/config/design-waivers";
import { loadConfigFile } from "../../src/config/load";
import { evaluate } from "../../src/policy/engine";
import { loadSynthJson } from "../../src/policy/load-synth";
import { PanintelligenceStack } from "../../src/stack";

const examples = join(__dirname, "..", "..", "examples");
const stacks = readdirSync(examples)
  .filter((file) => file.endsWith(".yaml"))
  .flatMap((file) => {
    const loaded = loadConfigFile(join(examples, file));
    if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.issues)}`);
    return loaded.environments.map((env) => ({ label: `${file} → ${env.name}`, env }));
  });

describe("policy on the shipped examples", () => {
  test.each(stacks)("$label: every default rule passes or is waived with a reason", ({ env }) => {
    const stack = new PanintelligenceStack(Testing.app(), env.name, { config: env });
    const report = evaluate(loadSynthJson(JSON.parse(Testing.synth(stack))), { waivers: waiversFor(env) });
    const open = report.rules.filter((r) => r.status === "FAIL" || r.status === "UNKNOWN");
    expect(open.map((r) => `${r.rule.id}: ${r.results.find((x) => x.status !== "PASS")?.message}`)).toEqual([]);
    expect(report.summary.applicable).toBeGreaterThanOrEqual(45);
    for (const rule of report.rules) {
      for (const result of rule.results.filter((x) => x.status === "WAIVED")) {
        expect(result.waiver?.reason.length ?? 0, `${rule.rule.id} ${result.address}: a waiver needs its reason`).toBeGreaterThan(20);
      }
    }
  });
});
