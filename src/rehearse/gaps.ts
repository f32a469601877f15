/**
 * The emulator's known gaps (emulator-gaps.json): what moto does differently from AWS that the launcher does not
 * patch. A second-plan change is excused only where every changed attribute of the resource is listed for its type;
 * an apply error only where its text contains a listed error, which must be an AWS API response (`StatusCode:`): an
 * error the provider raises before it calls AWS (validation, JSON decoding, schema) is always ours.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ReplanGap {
  readonly resourceType: string;
  /** Top-level attributes the emulator does not round-trip for this type. */
  readonly attributes: readonly string[];
  /** What the emulator does, exactly. */
  readonly emulator: string;
  /** Why this is the emulator's fault and not the stack's. */
  readonly why: string;
}

export interface ApplyGap {
  readonly resourceType: string;
  /** The emulator's exact error as terraform prints it (an AWS API response). */
  readonly error: string;
  readonly why: string;
}

export interface EmulatorGaps {
  readonly emulator: string;
  readonly replan: readonly ReplanGap[];
  readonly apply: readonly ApplyGap[];
}

export const GAPS_FILE = join(__dirname, "emulator-gaps.json");

export function loadGaps(path: string = GAPS_FILE): EmulatorGaps {
  const gaps = JSON.parse(readFileSync(path, "utf8")) as EmulatorGaps;
  const problems = gapProblems(gaps);
  if (problems.length > 0) throw new Error(`${path}: ${problems.join("; ")}`);
  return gaps;
}

/** What makes a gap list unacceptable: missing reasons, provider-side errors, empty attribute lists. */
export function gapProblems(gaps: EmulatorGaps): string[] {
  const problems: string[] = [];
  for (const [i, gap] of gaps.replan.entries()) {
    if (!/^aws_/.test(gap.resourceType)) problems.push(`replan[${i}].resourceType must be an aws_ resource type`);
    if (gap.attributes.length === 0) problems.push(`replan[${i}].attributes must name at least one attribute`);
    if (!gap.emulator?.trim() || !gap.why?.trim()) problems.push(`replan[${i}] needs both emulator and why`);
  }
  for (const [i, gap] of gaps.apply.entries()) {
    if (!/^aws_/.test(gap.resourceType)) problems.push(`apply[${i}].resourceType must be an aws_ resource type`);
    if (!/StatusCode: \d{3}/.test(gap.error)) {
      problems.push(`apply[${i}].error is not an AWS API response (no "StatusCode: NNN"): an error the provider raises itself is never an emulator gap`);
    }
    if (!gap.why?.trim()) problems.push(`apply[${i}] needs why`);
  }
  return problems;
}

/** One resource the second plan would change, with the top-level attributes that differ. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly attributes: readonly string[];
}

/** The listed gap that excuses a change, or undefined when the change is ours. */
export function excusedBy(change: PlannedChange, gaps: EmulatorGaps): readonly ReplanGap[] | undefined {
  if (!change.actions.every((a) => a === "update")) return undefined;
  const listed = gaps.replan.filter((g) => g.resourceType === change.type);
  const covered = (attribute: string) => listed.some((g) => g.attributes.includes(attribute));
  return change.attributes.length > 0 && change.attributes.every(covered)
    ? listed.filter((g) => g.attributes.some((a) => change.attributes.includes(a)))
    : undefined;
}

/** Whether an apply error is a listed emulator gap. */
export function applyErrorExcused(error: string, gaps: EmulatorGaps): ApplyGap | undefined {
  return gaps.apply.find((g) => error.includes(g.error));
}

/** The changes of a `terraform show -json` plan: every resource whose actions are not no-op or read. */
export function plannedChanges(plan: unknown): PlannedChange[] {
  const changes = ((plan as { resource_changes?: unknown[] }).resource_changes ?? []) as Array<{
    address: string;
    type: string;
    change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
  }>;
  return changes
    .filter((c) => !c.change.actions.every((a) => a === "no-op" || a === "read"))
    .map((c) => {
      const before = c.change.before ?? {};
      const after = c.change.after ?? {};
      const unknown = c.change.after_unknown ?? {};
      const keys = new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)]);
      const attributes = [...keys].filter((k) => unknown[k] === true || JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).sort();
      return { address: c.address, type: c.type, actions: c.change.actions, attributes };
    });
}
