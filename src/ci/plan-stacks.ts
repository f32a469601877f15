/**
 * `npm run plan:stacks`: what the CI plan check runs per synthesised stack: terraform init, validate, plan and show.
 *   --out <dir>          the synth output directory (default cdktf.out)
 *   --summary <file>     write the plans as one Markdown comment (a table, then each plan folded)
 *   --detailed-exitcode  drift detection: terraform plan -detailed-exitcode per stack; exit 2 when any has changes
 *   --offline            plan a scratch copy with dummy credentials and the provider mirror (this repository's CI)
 * Exit 1 when a stack fails init, validate or plan.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { planDirectory, type StackCheck } from "../gate/check-stack";
import { GATE_OVERRIDE_FILE, gateOverride } from "../gate/override";
import { findTerraform } from "../terraform/terraform-env";
import { projectRoot } from "../project-root";
import { planSummaryMarkdown } from "./plan-summary";

interface Options {
  readonly out: string;
  readonly summary?: string;
  readonly detailedExitcode: boolean;
  readonly offline: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let out = "cdktf.out";
  let summary: string | undefined;
  let detailedExitcode = false;
  let offline = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--out") out = value();
    else if (arg === "--summary") summary = value();
    else if (arg === "--detailed-exitcode") detailedExitcode = true;
    else if (arg === "--offline") offline = true;
    else throw new UsageError(`unknown argument ${arg}`);
  }
  return { out, summary, detailedExitcode, offline };
}

class UsageError extends Error {}

export async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`plan:stacks: ${(error as Error).message}; see the header of src/ci/plan-stacks.ts`);
    return 2;
  }
  const stacksDir = resolve(options.out, "stacks");
  if (!existsSync(stacksDir)) {
    console.error(`plan:stacks: ${stacksDir} does not exist; run npm run synth first (or give --out)`);
    return 2;
  }
  const terraform = findTerraform(projectRoot());
  if (!terraform.available) {
    console.error(`plan:stacks: ${terraform.reason}`);
    return 1;
  }
  const names = readdirSync(stacksDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const results: Array<{ name: string; check: StackCheck }> = [];
  for (const name of names) {
    let dir = join(stacksDir, name);
    if (options.offline) {
      const scratch = mkdtempSync(join(tmpdir(), `pi-plan-${name}-`));
      cpSync(dir, scratch, { recursive: true });
      writeFileSync(join(scratch, GATE_OVERRIDE_FILE), `${JSON.stringify(gateOverride(), null, 2)}\n`);
      dir = scratch;
    }
    const check = await planDirectory(dir, terraform.env, { lock: !options.offline, detailedExitcode: options.detailedExitcode });
    results.push({ name, check });
    console.log(
      check.ok
        ? `plan:stacks: ${name}: ${check.resourcesChanged} to change (${check.resourcesToAdd} to add)`
        : `plan:stacks: ${name}: terraform ${check.failure?.step} failed\n${check.failure?.message}`,
    );
  }
  if (options.summary) {
    writeFileSync(options.summary, planSummaryMarkdown(results));
    console.log(`plan:stacks: wrote ${options.summary}`);
  }
  if (results.some((r) => !r.check.ok)) return 1;
  if (options.detailedExitcode && results.some((r) => r.check.drift === true)) {
    console.log("plan:stacks: drift: the deployed infrastructure differs from the configuration (exit 2)");
    return 2;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
