/**
 * `npm run policy -- terraform-modules/panintelligence` judges the generated module like the synthesised stack: the
 * module's HCL (switches at their defaults) and the CDKTF twin of its defaults (fixtures/module-existing-vpc.yaml)
 * get the same verdict from every rule on every resource. Addresses are compared without cdktf's hash suffix and the
 * instance keys of counted resources; the Route 53 records are named by position in the module (the domain is a variable).
 */
import { join } from "node:path";
import { Testing } from "cdktf";
import { describe, expect, test } from "vitest";
import { loadConfigFile } from "../../src/config/load";
import { evaluate } from "../../src/policy/engine";
import { loadTerraformDirectory } from "../../src/policy/load-hcl";
import { loadSynthJson } from "../../src/policy/load-synth";
import type { StackReport } from "../../src/policy/report";
import { PanintelligenceStack } from "../../src/stack";

const root = join(__dirname, "..", "..");

function verdicts(report: StackReport): Map<string, string> {
  const key = (address: string) =>
    address
      .replace(/_[0-9A-F]{8}(?=$|\[|\.)/g, "")
      .replace(/\[[^\]]*\]$/, "")
      .replace(/^aws_route53_record\.edge_dns_.*_(a|aaaa)$/, "aws_route53_record.edge_dns_$1");
  return new Map(report.rules.flatMap((rule) => rule.results.map((r) => [`${rule.rule.id} ${key(r.address)}`, r.status] as const)));
}

describe("policy on the generated module", () => {
  test("the same verdict as on the synthesised stack, rule by rule and resource by resource", async () => {
    const loaded = loadConfigFile(join(__dirname, "..", "module", "fixtures", "module-existing-vpc.yaml"));
    if (!loaded.ok) throw new Error("fixture config");
    const [config] = loaded.environments;
    const synth = JSON.parse(Testing.synth(new PanintelligenceStack(Testing.app(), config.name, { config })));
    const fromStack = verdicts(evaluate(loadSynthJson(synth, "stack")));
    const fromModule = verdicts(evaluate(await loadTerraformDirectory(join(root, "terraform-modules", "panintelligence"))));
    expect(fromStack.size).toBeGreaterThan(250);
    const differences = [...new Set([...fromStack.keys(), ...fromModule.keys()])]
      .filter((k) => fromStack.get(k) !== fromModule.get(k))
      .map((k) => `${k}: stack ${fromStack.get(k)}, module ${fromModule.get(k)}`);
    expect(differences).toEqual([]);
    // not vacuous: the comparison covers passes, failures and unknowns
    const statuses = new Set(fromModule.values());
    expect([...statuses].sort()).toEqual(expect.arrayContaining(["FAIL", "PASS", "UNKNOWN"]));
  }, 60_000);
});
