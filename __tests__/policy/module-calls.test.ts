/**
 * `npm run policy -- <dir>` follows local module calls: terraform-modules/examples/complete (both modules, called with
 * the example's arguments) is judged like its CDKTF twin (fixtures-module/complete-twin.yaml): the same resources, under
 * their module address, with the same verdict from every rule. Addresses are compared without the module path,
 * cdktf's hash suffix and instance keys, as in module-verdicts.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { describe, expect, test } from "vitest";
import { loadConfigFile } from "../../src/config/load";
import { main } from "../../src/policy/cli";
import { evaluate } from "../../src/policy/engine";
import { loadTerraformDirectory, parseTerraformFile, stackFromTerraform } from "../../src/policy/load-hcl";
import { loadSynthJson } from "../../src/policy/load-synth";
import type { StackReport } from "../../src/policy/report";
import { PanintelligenceStack } from "../../src/stack";

const root = join(__dirname, "..", "..");

function verdicts(report: StackReport): Map<string, string> {
  const key = (address: string) =>
    address
      .replace(/^(module\.[\w-]+\.)+/, "")
      .replace(/_[0-9A-F]{8}(?=$|\[|\.)/g, "")
      .replace(/\[[^\]]*\]$/, "")
      .replace(/^aws_route53_record\.edge_dns_.*_(a|aaaa)$/, "aws_route53_record.edge_dns_$1");
  return new Map(report.rules.flatMap((rule) => rule.results.map((r) => [`${rule.rule.id} ${key(r.address)}`, r.status] as const)));
}

describe("module calls", () => {
  test("examples/complete is judged like its synthesised twin: same resources, same verdicts", async () => {
    const loaded = loadConfigFile(join(__dirname, "fixtures-module", "complete-twin.yaml"));
    if (!loaded.ok) throw new Error(`fixture config: ${JSON.stringify(loaded)}`);
    const [config] = loaded.environments;
    const synth = JSON.parse(Testing.synth(new PanintelligenceStack(Testing.app(), config.name, { config })));
    const fromStack = verdicts(evaluate(loadSynthJson(synth, "stack")));
    const stack = await loadTerraformDirectory(join(root, "terraform-modules", "examples", "complete"));
    expect(stack.notes ?? []).toEqual([]);
    // judged under their module address
    expect(stack.resources.some((r) => r.address === "module.panintelligence.aws_lb.edge_alb")).toBe(true);
    expect(stack.resources.some((r) => r.address.startsWith("module.network.aws_vpc."))).toBe(true);
    const fromModules = verdicts(evaluate(stack));
    expect(fromStack.size).toBeGreaterThan(250);
    const differences = [...new Set([...fromStack.keys(), ...fromModules.keys()])]
      .filter((k) => fromStack.get(k) !== fromModules.get(k))
      .map((k) => `${k}: stack ${fromStack.get(k)}, modules ${fromModules.get(k)}`);
    expect(differences).toEqual([]);
    expect([...new Set(fromModules.values())].sort()).toEqual(expect.arrayContaining(["FAIL", "PASS"]));
  }, 300_000);

  test("a call that cannot be followed is named, and a run that judged nothing exits non-zero", async () => {
    const docs = [
      await parseTerraformFile(
        "main.tf",
        'module "remote" {\n  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "counted" {\n  source = "./x"\n  count  = 2\n}\n',
      ),
    ];
    const stack = stackFromTerraform(docs, "calls");
    expect(stack.resources).toEqual([]);
    expect([...(stack.notes ?? [])].sort()).toEqual([
      "module.counted: count/for_each on a module call is not followed; its resources are not judged",
      'module.remote: source "terraform-aws-modules/vpc/aws" is not a local path; not followed, its resources are not judged',
    ]);
    const dir = fs.mkdtempSync(join(os.tmpdir(), "pi-policy-calls-"));
    fs.writeFileSync(join(dir, "main.tf"), 'module "remote" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const out = process.stdout.write.bind(process.stdout);
    process.stderr.write = ((chunk: string) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main([dir]);
    } finally {
      process.stderr.write = write;
      process.stdout.write = out;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(code).toBe(2);
    expect(errors.join("")).toMatch(/module\.remote: source "terraform-aws-modules\/vpc\/aws" is not a local path/);
    expect(errors.join("")).toMatch(/judged nothing/);
  });
});
