/**
 * The offline Terraform gate (`npm run gate [-- <config>...]`): synthesise every example config, then for each stack
 * run terraform init, validate, plan and show -json in a scratch copy with the offline override. Plans are kept in
 * .gate/<example>/<stack>/plan.json for the policy report. Exit 1 if any step fails or terraform is missing.
 */
import { projectRoot as findProjectRoot } from "../project-root";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { run } from "../app/run";
import { waiversFor } from "../config/design-waivers";
import { loadConfigFile } from "../config/load";
import type { Waiver } from "../config/schema/policy";
import { evaluate } from "../policy/engine";
import { loadPlanJson } from "../policy/load-plan";
import { withSource } from "../policy/load-plan-with-source";
import { loadSynthJson } from "../policy/load-synth";
import type { StackReport } from "../policy/report";
import { checkModules } from "./check-modules";
import { checkStack, type StackCheck } from "./check-stack";
import { MODULES_DIRECTORY } from "../module/modules";
import { findTerraform } from "../terraform/terraform-env";

const projectRoot = findProjectRoot();
const gateRoot = join(projectRoot, ".gate");

async function main(argv: string[]): Promise<number> {
  const terraform = findTerraform(projectRoot);
  if (!terraform.available) {
    console.error(`gate: ${terraform.reason}. Install terraform (and run where ../shared/tf-offline-env finds a provider mirror, or with network).`);
    return 1;
  }
  console.log(`gate: terraform ${terraform.version}; providers: ${terraform.mirror}`);

  const configs = argv.length > 0 ? argv.map((p) => resolve(p)) : exampleConfigs();
  const stacks: { example: string; stackDir: string; scratchDir: string; waivers: readonly Waiver[] }[] = [];
  rmSync(gateRoot, { recursive: true, force: true });
  for (const config of configs) {
    const example = basename(config, extname(config));
    const outdir = join(gateRoot, example, "cdktf.out");
    const output: string[] = [];
    const code = run({
      argv: ["--config", config, "--out", outdir],
      env: {},
      cwd: projectRoot,
      stdout: () => undefined,
      stderr: (text) => output.push(text),
    });
    if (code !== 0) {
      console.error(`gate: synth of ${relative(projectRoot, config)} failed (exit ${code}):\n${output.join("\n")}`);
      return 1;
    }
    const loaded = loadConfigFile(config);
    const waiversOf = (name: string) => {
      const env = loaded.ok ? loaded.environments.find((e) => e.name === name) : undefined;
      return env ? waiversFor(env) : [];
    };
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    for (const name of Object.keys(manifest.stacks).sort()) {
      stacks.push({ example, stackDir: join(outdir, "stacks", name), scratchDir: join(gateRoot, example, name), waivers: waiversOf(name) });
    }
  }

  const results = await mapWithConcurrency(stacks, 2, (s) => checkStack(s.stackDir, s.scratchDir, terraform.env));
  // The policy report runs on every plan: a HIGH or CRITICAL failure fails the gate like a terraform error.
  const policies = results.map((r, i) =>
    r.planJsonPath
      ? evaluate(withSource(loadPlanJson(r.planJsonPath, basename(stacks[i].stackDir)), loadSynthJson(join(stacks[i].stackDir, "cdk.tf.json"))), {
          waivers: stacks[i].waivers,
        })
      : undefined,
  );
  // The published modules: fmt, validate, and a plan of each example (judged by the same policy, plan only).
  const modules = await checkModules(projectRoot, gateRoot, terraform.env);
  const examplePolicies = modules.examples.map((e) =>
    e.check.planJsonPath ? evaluate(loadPlanJson(e.check.planJsonPath, `${MODULES_DIRECTORY}/examples/${e.name}`)) : undefined,
  );
  console.log(
    formatTable([
      ...stacks.map((s, i) => [s.example, basename(s.stackDir), results[i], policies[i]] as const),
      ...modules.examples.map((e, i) => [`${MODULES_DIRECTORY}/examples`, e.name, e.check, examplePolicies[i]] as const),
    ]),
  );
  console.log(
    `\nmodules: terraform fmt -check -recursive ${modules.unformatted.length === 0 ? "clean" : `FAILED (${modules.unformatted.join(", ")})`}; ` +
      modules.modules.map((m) => `${m.name} validate ${m.ok ? "ok" : "FAILED"}`).join("; "),
  );
  const failures = [...results, ...modules.examples.map((e) => e.check)].filter((r) => !r.ok);
  for (const failure of failures) {
    console.error(`\n✗ ${relative(projectRoot, failure.scratchDir)}: terraform ${failure.failure?.step} failed\n${failure.failure?.message}`);
  }
  for (const m of modules.modules.filter((m) => !m.ok)) console.error(`\n✗ ${MODULES_DIRECTORY}/${m.name}: terraform validate failed\n${m.message}`);
  if (modules.unformatted.length > 0)
    console.error(`\n✗ terraform fmt -check: ${modules.unformatted.join(", ")} (run npm run build:modules, or terraform fmt)`);
  const blocked = [...policies, ...examplePolicies].filter((p): p is StackReport => p !== undefined && p.summary.highCriticalFailures > 0);
  for (const report of blocked) {
    const failing = report.rules.filter((r) => r.status === "FAIL" && (r.rule.severity === "HIGH" || r.rule.severity === "CRITICAL"));
    console.error(`\n✗ policy on ${report.path}: ${failing.map((r) => `${r.rule.id} (${r.rule.severity})`).join(", ")}; run npm run policy -- ${report.path}`);
  }
  const modulesOk = modules.unformatted.length === 0 && modules.modules.every((m) => m.ok);
  const ok = failures.length === 0 && blocked.length === 0 && modulesOk;
  const planned = results.length + modules.examples.length;
  console.log(
    ok
      ? `\ngate: ${results.length} stacks and ${modules.examples.length} module examples valid and planned; modules formatted and valid; policy clean of high/critical failures`
      : `\ngate: ${failures.length} of ${planned} plans failed terraform, ${blocked.length} failed the policy${modulesOk ? "" : "; the modules failed fmt or validate"}`,
  );
  return ok ? 0 : 1;
}

function exampleConfigs(): string[] {
  const dir = join(projectRoot, "examples");
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function formatTable(rows: ReadonlyArray<readonly [string, string, StackCheck, StackReport | undefined]>): string {
  const header = ["example", "stack", "init", "validate", "plan", "to add", "policy (pass/applicable, high+critical fails)", "seconds"];
  const stepStatus = (r: StackCheck, step: string, order: string[]) => {
    if (r.ok) return "ok";
    const failedAt = order.indexOf(r.failure?.step ?? "");
    const at = order.indexOf(step);
    return at < failedAt ? "ok" : at === failedAt ? "FAILED" : "-";
  };
  const order = ["init", "validate", "plan"];
  const body = rows.map(([example, stack, r, policy]) => [
    example,
    stack,
    ...order.map((step) => stepStatus(r, step, order)),
    r.resourcesToAdd === undefined ? "-" : String(r.resourcesToAdd),
    policy ? `${policy.summary.passed}/${policy.summary.applicable}, ${policy.summary.highCriticalFailures}` : "-",
    r.seconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  return [header, ...body].map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ")).join("\n");
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
