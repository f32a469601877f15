/** Runs terraform init → validate → plan → show -json on one synthesised stack (in a scratch copy) or one directory. */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { GATE_OVERRIDE_FILE, gateOverride } from "./override";

const exec = promisify(execFile);

export interface StackCheck {
  readonly stackDir: string;
  readonly scratchDir: string;
  readonly ok: boolean;
  /** The step that failed, with terraform's message. */
  readonly failure?: { readonly step: string; readonly message: string };
  readonly planJsonPath?: string;
  /** `terraform show -no-color` of the plan. */
  readonly planText?: string;
  readonly resourcesToAdd?: number;
  /** Resources the plan changes (create, update, replace or delete). */
  readonly resourcesChanged?: number;
  /** With `detailedExitcode`: terraform's verdict, exit 2 (changes present) or 0 (none). */
  readonly drift?: boolean;
  readonly seconds: number;
}

export async function checkStack(stackDir: string, scratchDir: string, env: NodeJS.ProcessEnv): Promise<StackCheck> {
  rmSync(scratchDir, { recursive: true, force: true });
  mkdirSync(scratchDir, { recursive: true });
  cpSync(stackDir, scratchDir, { recursive: true });
  writeFileSync(join(scratchDir, GATE_OVERRIDE_FILE), `${JSON.stringify(gateOverride(), null, 2)}\n`);
  return { ...(await planDirectory(scratchDir, env)), stackDir };
}

export interface PlanOptions {
  /** Hold the state lock while planning (a real backend in CI). @default false */
  readonly lock?: boolean;
  /** Plan with `-detailed-exitcode` (terraform's exit 2, "changes present", is then a success with drift). @default false */
  readonly detailedExitcode?: boolean;
}

/** init → validate → plan → show -json in `dir` (already holding its override file); the plan lands in plan.json. */
export async function planDirectory(dir: string, env: NodeJS.ProcessEnv, options: PlanOptions = {}): Promise<StackCheck> {
  const started = performance.now();
  const terraform = (...args: string[]) => exec("terraform", [`-chdir=${dir}`, ...args], { env, maxBuffer: 256 * 1024 * 1024 });
  const done = (rest: Omit<StackCheck, "stackDir" | "scratchDir" | "seconds">): StackCheck => ({
    stackDir: dir,
    scratchDir: dir,
    seconds: (performance.now() - started) / 1000,
    ...rest,
  });
  const steps: Array<[string, string[]]> = [
    ["init", ["init", "-input=false", "-no-color"]],
    ["validate", ["validate", "-no-color"]],
    [
      "plan",
      ["plan", "-input=false", `-lock=${options.lock === true}`, "-no-color", "-out=gate.tfplan", ...(options.detailedExitcode ? ["-detailed-exitcode"] : [])],
    ],
  ];
  let drift: boolean | undefined;
  for (const [step, args] of steps) {
    try {
      await terraform(...args);
      if (step === "plan" && options.detailedExitcode) drift = false;
    } catch (error) {
      const { stderr, stdout, message, code } = error as { stderr?: string; stdout?: string; message: string; code?: number };
      if (step === "plan" && options.detailedExitcode && code === 2) {
        drift = true;
        continue;
      }
      return done({ ok: false, failure: { step, message: (stderr || stdout || message).trim() } });
    }
  }
  const { stdout } = await terraform("show", "-json", "gate.tfplan");
  const planJsonPath = join(dir, "plan.json");
  writeFileSync(planJsonPath, stdout);
  const plan = JSON.parse(stdout) as { resource_changes?: { change: { actions: string[] } }[] };
  const changes = plan.resource_changes ?? [];
  const resourcesToAdd = changes.filter((c) => c.change.actions.includes("create")).length;
  const resourcesChanged = changes.filter((c) => !c.change.actions.every((a) => a === "no-op" || a === "read")).length;
  const planText = (await terraform("show", "-no-color", "gate.tfplan")).stdout;
  return done({ ok: true, planJsonPath, planText, resourcesToAdd, resourcesChanged, ...(drift === undefined ? {} : { drift }) });
}
