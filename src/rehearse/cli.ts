/**
 * `npm run rehearse [-- options] [config...]`: applies every stack of the example configs (or the configs given) and
 * every example of the published modules against moto's AWS emulator on 127.0.0.1, then re-plans (no change allowed
 * but listed emulator gaps) and destroys. Prints a table per target and writes it as Markdown with --summary.
 * Exit 0 when every target passed, 1 when one failed, 2 on a usage error or when terraform or the emulator is missing.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findTerraform } from "../terraform/terraform-env";
import { projectRoot as findProjectRoot } from "../project-root";
import { Emulator, findEmulator } from "./emulator";
import { loadGaps } from "./gaps";
import { rehearseTarget, type PhaseTimeouts, type TargetResult } from "./rehearse-target";
import { details, summaryMarkdown, summaryTable } from "./summary";
import { defaultTargets, moduleExampleTarget, stackTargets, type RehearsalTarget } from "./targets";

const USAGE = `Usage: npm run rehearse -- [options] [config.yaml ...]

Applies, re-plans and destroys every stack of the given configs (default: every file in examples/) and every
module example (default: all of terraform-modules/examples) against moto's AWS emulator on 127.0.0.1.

Options:
  --module-example <name>  rehearse this module example (repeatable); given alone, no example config is rehearsed,
                           and with configs given, no module example is unless named
  --no-modules             rehearse no module example
  --stack <name>           only stacks with this name (repeatable)
  --summary <file>         also write the report as Markdown (e.g. a CI job summary)
  --apply-timeout <s>      per apply and per destroy (default 600)
  -h, --help               this text`;

const projectRoot = findProjectRoot();
const scratch = join(projectRoot, ".rehearse");

async function main(argv: string[]): Promise<number> {
  const options = {
    "module-example": { type: "string", multiple: true },
    "no-modules": { type: "boolean" },
    stack: { type: "string", multiple: true },
    summary: { type: "string" },
    "apply-timeout": { type: "string" },
    help: { type: "boolean", short: "h" },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    console.error(`rehearse: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const applySeconds = Number(values["apply-timeout"] ?? 600);
  if (!Number.isFinite(applySeconds) || applySeconds <= 0) {
    console.error(`rehearse: --apply-timeout must be a number of seconds, got ${values["apply-timeout"]}`);
    return 2;
  }
  const timeouts: PhaseTimeouts = { initMs: 300_000, applyMs: applySeconds * 1000, planMs: 300_000, destroyMs: applySeconds * 1000 };

  const terraform = findTerraform(projectRoot);
  if (!terraform.available) {
    console.error(`rehearse: ${terraform.reason}; install terraform to rehearse an apply`);
    return 2;
  }
  const emulatorFound = findEmulator();
  if (!emulatorFound.available) {
    console.error(`rehearse: ${emulatorFound.reason}`);
    return 2;
  }
  const gaps = loadGaps();

  const defaults = defaultTargets(projectRoot);
  // Naming only module examples rehearses no stack, and naming only configs no module example.
  const configs = positionals.length > 0 ? positionals.map((p) => resolve(p)) : values["module-example"] ? [] : defaults.configs;
  const moduleExamples = values["no-modules"] ? [] : (values["module-example"] ?? (positionals.length > 0 ? [] : defaults.moduleExamples));

  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const targets: RehearsalTarget[] = [];
  for (const config of configs) {
    targets.push(...stackTargets(projectRoot, config, scratch).filter((t) => !values.stack || values.stack.some((s) => t.label.endsWith(`→ ${s}`))));
  }
  for (const name of moduleExamples) targets.push(await moduleExampleTarget(projectRoot, name, scratch));
  if (targets.length === 0) {
    console.error("rehearse: nothing to rehearse (check --stack and --module-example)");
    return 2;
  }

  console.log(`rehearse: terraform ${terraform.version}; moto ${emulatorFound.version}; ${targets.length} targets; scratch ${relative(projectRoot, scratch)}/`);
  const emulator = await Emulator.start();
  const results: TargetResult[] = [];
  try {
    for (const target of targets) {
      console.log(`rehearse: ${target.label} …`);
      const result = await rehearseTarget(target, emulator, terraform.env, gaps, timeouts);
      results.push(result);
      console.log(`rehearse: ${target.label}: ${result.ok ? "passed" : "FAILED"} (${relative(projectRoot, join(target.root.dir, "rehearsal.log"))})`);
    }
  } finally {
    emulator.stop();
  }

  console.log(`\n${summaryTable(results)}`);
  const more = details(results);
  if (more.length > 0) console.log(`\n${more.join("\n")}`);
  if (values.summary) writeFileSync(values.summary, summaryMarkdown(results, `moto ${emulatorFound.version}`));
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed === 0 ? `\nrehearse: ${results.length} passed, 0 failed` : `\nrehearse: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`rehearse: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  },
);
