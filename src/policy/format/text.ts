/** Plain-text report for a terminal: per stack, the N/M line, then one table per severity with the findings under each rule. */
import { SEVERITIES, oneLineVerdict, type PolicyReport, type RuleResult, type StackReport } from "../report";

const count = (rule: RuleResult, status: string): number => rule.results.filter((r) => r.status === status).length;

function ruleLines(rule: RuleResult): readonly string[] {
  const counts = (["PASS", "FAIL", "UNKNOWN", "WAIVED"] as const)
    .map((s) => [s, count(rule, s)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s.toLowerCase()}`)
    .join(", ");
  const head = `    ${rule.status.padEnd(14)} ${rule.rule.id.padEnd(11)} ${rule.rule.title}${counts ? ` (${counts})` : ""}`;
  const findings = rule.results
    .filter((r) => r.status === "FAIL" || r.status === "UNKNOWN" || r.status === "WAIVED")
    .map((r) => `        ${r.status.padEnd(8)} ${r.address}: ${r.message}${r.waiver ? ` [waived (${r.waiver.source}): ${r.waiver.reason}]` : ""}`);
  return [head, ...findings];
}

function stackText(stack: StackReport): string {
  const s = stack.summary;
  const lines = [
    `stack ${stack.stack} (${stack.kind}${stack.path ? `, ${stack.path}` : ""})`,
    `  ${s.passed} of ${s.applicable} applicable rules pass; ${s.failed} failed, ${s.unknown} unknown, ${s.waived} waived` +
      (stack.disabled.length ? `; not run: ${stack.disabled.join(", ")}` : ""),
  ];
  for (const severity of SEVERITIES) {
    const rules = stack.rules.filter((r) => r.rule.severity === severity && r.status !== "NOT_APPLICABLE");
    if (rules.length) lines.push(`  ${severity}`, ...rules.flatMap(ruleLines));
  }
  const notApplicable = stack.rules.filter((r) => r.status === "NOT_APPLICABLE").map((r) => r.rule.id);
  if (notApplicable.length) lines.push(`  not applicable (no resource in scope): ${notApplicable.join(", ")}`);
  return lines.join("\n");
}

export function formatText(report: PolicyReport): string {
  return `${[...report.stacks.map(stackText), oneLineVerdict(report)].join("\n\n")}\n`;
}
