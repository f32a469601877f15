/** The rehearsal's report: a plain table for the terminal and the same as Markdown (a CI job summary). */
import { markdownCell } from "../markdown-cell";
import type { TargetResult } from "./rehearse-target";

const HEADER = ["target", "created", "apply", "second plan", "destroy", "init s", "apply s", "plan s", "destroy s"];

function row(r: TargetResult): string[] {
  const replan = r.replan
    ? r.replan.ok
      ? r.replan.emulators.length === 0
        ? "no change"
        : `${r.replan.emulators.length} emulator gaps`
      : `${r.replan.ours.length} changes (ours)${r.replan.emulators.length > 0 ? `, ${r.replan.emulators.length} emulator gaps` : ""}`
    : "-";
  const destroy = r.destroy
    ? `${r.destroy.ok ? "ok" : "FAILED"}${r.destroy.unprotected.length > 0 ? ` (protections off: ${r.destroy.unprotected.length})` : ""}`
    : "-";
  const seconds = (s: number | undefined) => (s === undefined ? "-" : s.toFixed(0));
  return [
    r.label,
    String(r.created),
    r.apply.ok ? (r.apply.excused.length > 0 ? `ok (${r.apply.excused.length} emulator gaps)` : "ok") : "FAILED",
    replan,
    destroy,
    seconds(r.init.seconds),
    seconds(r.apply.seconds),
    seconds(r.replan?.seconds),
    seconds(r.destroy?.seconds),
  ];
}

export function summaryTable(results: readonly TargetResult[]): string {
  const body = results.map(row);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  return [HEADER, ...body]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Every problem and every excused gap, target by target, as indented lines. */
export function details(results: readonly TargetResult[]): string[] {
  return results.flatMap((r) => {
    const lines = [
      ...r.init.problems.filter(() => !r.init.ok).map((p) => `init: ${p}`),
      ...r.apply.problems.map((p) => `apply: ${p}`),
      ...r.apply.excused.map((g) => `apply, emulator gap (${g.resourceType}): ${g.error}`),
      ...(r.replan?.problems ?? []).map((p) => `second plan: ${p}`),
      ...(r.replan?.emulators ?? []).map((e) => `second plan, emulator gap: ${e.change.address} (${e.change.attributes.join(", ")})`),
      ...(r.destroy?.problems ?? []).map((p) => `destroy: ${p}`),
      ...(r.destroy?.unprotected ?? []).map((p) => `destroy: protection switched off for the rehearsal: ${p}`),
    ];
    return lines.length === 0 ? [] : [`${r.label}:`, ...lines.map((l) => `  ${l}`)];
  });
}

export function summaryMarkdown(results: readonly TargetResult[], emulator: string): string {
  const passed = results.filter((r) => r.ok).length;
  const lines = [
    `### Apply rehearsal (${emulator})`,
    "",
    `${passed} of ${results.length} targets applied, re-planned with no change of ours and destroyed.`,
    "",
    `| ${HEADER.join(" | ")} |`,
    `| ${HEADER.map(() => "---").join(" | ")} |`,
    ...results.map((r) => `| ${row(r).map(markdownCell).join(" | ")} |`),
  ];
  const more = details(results);
  if (more.length > 0) lines.push("", "<details><summary>Problems and emulator gaps</summary>", "", "```text", ...more, "```", "", "</details>");
  return `${lines.join("\n")}\n`;
}
