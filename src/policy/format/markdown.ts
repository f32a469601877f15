/** Markdown for a pull-request comment: verdict, per-stack score, a table of rules that need attention, details folded. */
import { markdownCell } from "../../markdown-cell";
import { SEVERITIES, oneLineVerdict, type PolicyReport, type StackReport } from "../report";

const ICON: Readonly<Record<string, string>> = { PASS: "✅", FAIL: "❌", UNKNOWN: "❔", WAIVED: "⚪", NOT_APPLICABLE: "➖" };

function stackMarkdown(stack: StackReport): string {
  const s = stack.summary;
  const rows = SEVERITIES.flatMap((severity) =>
    stack.rules
      .filter((r) => r.rule.severity === severity && r.status !== "NOT_APPLICABLE")
      .map((r) => {
        const flagged = r.results.filter((x) => x.status !== "PASS" && x.status !== "NOT_APPLICABLE");
        const detail = flagged
          .map((x) => `\`${x.address}\`: ${markdownCell(x.message)}${x.waiver ? ` (waived: ${markdownCell(x.waiver.reason)})` : ""}`)
          .join("<br>");
        return `| ${severity} | ${r.rule.id} | ${ICON[r.status]} ${r.status} | ${markdownCell(r.rule.title)} | ${detail} |`;
      }),
  );
  const attention = rows.filter((row) => !row.includes(`${ICON.PASS} PASS`));
  return [
    `### ${stack.stack}`,
    "",
    `**${s.passed} of ${s.applicable}** applicable rules pass · ${s.failed} failed · ${s.unknown} unknown · ${s.waived} waived`,
    "",
    ...(attention.length ? ["| Severity | Rule | Status | Title | Findings |", "|---|---|---|---|---|", ...attention, ""] : ["All applicable rules pass.", ""]),
    "<details><summary>All rules</summary>",
    "",
    "| Severity | Rule | Status | Title | Findings |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "</details>",
  ].join("\n");
}

export function formatMarkdown(report: PolicyReport): string {
  return `${[`## Policy report`, "", `\`${oneLineVerdict(report)}\``, "", ...report.stacks.map(stackMarkdown)].join("\n")}\n`;
}
