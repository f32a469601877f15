/**
 * One target's rehearsal against a fresh emulator state: init, apply, a second plan that must show no change (or only
 * listed emulator gaps), and destroy (a protected target first gets its protections switched off by an override).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator } from "./emulator";
import { applyErrorExcused, excusedBy, plannedChanges, type ApplyGap, type EmulatorGaps, type PlannedChange, type ReplanGap } from "./gaps";
import { moduleOverride, protectionsSwitched, REHEARSAL_OVERRIDE_FILE, rootOverride, UNPROTECT_OVERRIDE_FILE, unprotectOverride } from "./override";
import { resourceTypesOf, type RehearsalTarget } from "./targets";
import { errorsOf, stillInFlight, terraform, type TerraformRun } from "./terraform-run";

export interface PhaseTimeouts {
  readonly initMs: number;
  readonly applyMs: number;
  readonly planMs: number;
  readonly destroyMs: number;
}

export interface PhaseResult {
  readonly ok: boolean;
  readonly seconds: number;
  /** Why it failed: terraform's errors, or the resources still in flight when the time ran out. */
  readonly problems: readonly string[];
}

export interface TargetResult {
  readonly label: string;
  readonly init: PhaseResult;
  readonly apply: PhaseResult & { readonly excused: readonly ApplyGap[] };
  /** Resource instances in state after the apply. */
  readonly created: number;
  readonly replan:
    | (PhaseResult & { readonly ours: readonly PlannedChange[]; readonly emulators: ReadonlyArray<{ change: PlannedChange; gaps: readonly ReplanGap[] }> })
    | undefined;
  readonly destroy: (PhaseResult & { readonly unprotected: readonly string[]; readonly remaining: number }) | undefined;
  readonly ok: boolean;
}

export async function rehearseTarget(
  target: RehearsalTarget,
  emulator: Emulator,
  env: NodeJS.ProcessEnv,
  gaps: EmulatorGaps,
  timeouts: PhaseTimeouts,
): Promise<TargetResult> {
  await emulator.reset();
  const zones = new Map<string, string>();
  for (const [configured, domain] of target.zones) zones.set(configured, await emulator.createHostedZone(domain));
  writeOverride(
    target.root.dir,
    REHEARSAL_OVERRIDE_FILE,
    rootOverride({
      endpoint: emulator.endpoint,
      resourceTypes: resourceTypesOf(target),
      resources: target.root.resources,
      moduleCalls: target.root.moduleCalls,
      zones,
      localBackend: target.hasBackend,
    }),
  );
  for (const child of target.children) {
    const resource = moduleOverride(child.resources);
    if (Object.keys(resource).length > 0) writeOverride(child.dir, REHEARSAL_OVERRIDE_FILE, { resource });
  }
  const dir = target.root.dir;
  const log = join(dir, "rehearsal.log");
  writeFileSync(log, `rehearsal of ${target.label}\n`);
  const tf = (args: string[], ms: number) => terraform(dir, args, env, ms, log);

  const initRun = await tf(["init", "-input=false", "-no-color"], timeouts.initMs);
  const init = phase(initRun);
  if (!init.ok) return { label: target.label, init, apply: { ...skipped(), excused: [] }, created: 0, replan: undefined, destroy: undefined, ok: false };

  const applyRun = await tf(["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20"], timeouts.applyMs);
  const applyPhase = phase(applyRun);
  const excused = applyPhase.problems.map((p) => applyErrorExcused(p, gaps));
  const apply = {
    ...applyPhase,
    ok: applyPhase.ok || (!applyRun.timedOut && applyPhase.problems.length > 0 && excused.every((g) => g !== undefined)),
    problems: applyPhase.problems.filter((_, i) => excused[i] === undefined),
    excused: excused.filter((g): g is ApplyGap => g !== undefined),
  };
  const created = await stateCount(dir, env, log);

  let replan: TargetResult["replan"];
  if (apply.ok) {
    const planRun = await tf(["plan", "-detailed-exitcode", "-input=false", "-no-color", "-out=replan.tfplan"], timeouts.planMs);
    if (planRun.code === 2) {
      const shown = await terraform(dir, ["show", "-json", "replan.tfplan"], env, timeouts.planMs, join(dir, "replan.json.log"));
      const changes = plannedChanges(JSON.parse(shown.output));
      const judged = changes.map((change) => ({ change, gaps: excusedBy(change, gaps) }));
      const ours = judged.filter((j) => j.gaps === undefined).map((j) => j.change);
      const emulators = judged.filter((j): j is { change: PlannedChange; gaps: readonly ReplanGap[] } => j.gaps !== undefined);
      replan = {
        ok: ours.length === 0,
        seconds: planRun.seconds + shown.seconds,
        problems: ours.map((c) => `${c.address} would ${c.actions.join("+")}: ${c.attributes.join(", ")}`),
        ours,
        emulators,
      };
    } else {
      replan = { ...phase(planRun), ours: [], emulators: [] };
    }
  }

  const unprotect = [target.root, ...target.children].map((m) => [m, unprotectOverride(m.resources)] as const);
  const unprotected = unprotect.flatMap(([m, override]) =>
    protectionsSwitched(override).map((line) => (m === target.root ? line : `${m.dir.split("/").pop()}: ${line}`)),
  );
  let unprotectRun: TerraformRun | undefined;
  if (unprotected.length > 0) {
    for (const [module, override] of unprotect) if (override) writeOverride(module.dir, UNPROTECT_OVERRIDE_FILE, override);
    // The state was refreshed by the second plan a moment ago: reading 250 resources again only costs time.
    unprotectRun = await tf(["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20", "-refresh=false"], timeouts.applyMs);
  }
  const destroyRun = await tf(["destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=20", "-refresh=false"], timeouts.destroyMs);
  const remaining = await stateCount(dir, env, log);
  const destroyPhase = phase(destroyRun);
  const unprotectProblems = unprotectRun && unprotectRun.code !== 0 ? phase(unprotectRun).problems.map((p) => `switching protections off: ${p}`) : [];
  const destroy = {
    ok: destroyPhase.ok && remaining === 0 && unprotectProblems.length === 0,
    seconds: destroyPhase.seconds + (unprotectRun?.seconds ?? 0),
    problems: [...unprotectProblems, ...destroyPhase.problems, ...(remaining > 0 && destroyPhase.ok ? [`${remaining} resources are still in state`] : [])],
    unprotected,
    remaining,
  };
  return { label: target.label, init, apply, created, replan, destroy, ok: apply.ok && replan?.ok === true && destroy.ok };
}

function phase(run: TerraformRun): PhaseResult {
  if (run.timedOut) {
    const inFlight = stillInFlight(run.output);
    return {
      ok: false,
      seconds: run.seconds,
      problems: [`timed out after ${Math.round(run.seconds)} s; still in flight: ${inFlight.join(", ") || "(none reported)"}`, ...errorsOf(run.output)],
    };
  }
  // `plan -detailed-exitcode` exits 2 for "changes present": the caller reads the plan then.
  if (run.code === 0) return { ok: true, seconds: run.seconds, problems: [] };
  const errors = errorsOf(run.output);
  // Without an `Error:` block (a crash, a signal), the last lines of output say what happened.
  return { ok: false, seconds: run.seconds, problems: errors.length > 0 ? errors : [run.output.trim().split("\n").slice(-5).join(" ")] };
}

function skipped(): PhaseResult {
  return { ok: false, seconds: 0, problems: ["skipped"] };
}

async function stateCount(dir: string, env: NodeJS.ProcessEnv, log: string): Promise<number> {
  const listed = await terraform(dir, ["state", "list"], env, 120_000, log);
  return listed.code === 0 ? listed.output.split("\n").filter((line) => /^[\w.[\]"-]+/.test(line) && !line.startsWith("data.")).length : 0;
}

function writeOverride(dir: string, file: string, content: Record<string, unknown>): void {
  writeFileSync(join(dir, file), `${JSON.stringify(content, null, 2)}\n`);
}
