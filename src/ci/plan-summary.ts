/** The plans of every stack as one Markdown PR comment: a table, then each plan folded, within GitHub's size limit. */
import type { StackCheck } from "../gate/check-stack";

/** Marks the comment so the workflow updates it instead of adding another. */
export const PLAN_COMMENT_MARKER = "<!-- panintelligence-plan -->";
/** GitHub rejects comments over 65 536 characters; leave room for the table. */
const MAX_PLAN_CHARACTERS = 60_000;

export function planSummaryMarkdown(results: ReadonlyArray<{ readonly name: string; readonly check: StackCheck }>): string {
  const rows = results.map(({ name, check }) =>
    check.ok ? `| ${name} | ok | ${check.resourcesToAdd} | ${check.resourcesChanged} |` : `| ${name} | **${check.failure?.step} failed** | - | - |`,
  );
  const budget = Math.floor(MAX_PLAN_CHARACTERS / Math.max(results.length, 1));
  const details = results.map(({ name, check }) => {
    const text = check.ok ? (check.planText ?? "") : (check.failure?.message ?? "");
    const shown = text.length > budget ? `${text.slice(0, budget)}\n… (${text.length - budget} more characters: see the job log)` : text;
    return `<details><summary>${name}</summary>\n\n\`\`\`\n${shown.replaceAll("```", "`‵`")}\n\`\`\`\n\n</details>`;
  });
  return [
    PLAN_COMMENT_MARKER,
    "### Terraform plan",
    "",
    "| Stack | Plan | To add | To change (any action) |",
    "|---|---|---:|---:|",
    ...rows,
    "",
    ...details,
    "",
  ].join("\n");
}
