/** Machine-readable report: the full per-rule, per-resource results with rule metadata. */
import { exitCode, oneLineVerdict, type PolicyReport } from "../report";

export function formatJson(report: PolicyReport): string {
  const body = {
    verdict: oneLineVerdict(report),
    exitCode: exitCode(report),
    stacks: report.stacks.map((stack) => ({
      stack: stack.stack,
      kind: stack.kind,
      path: stack.path,
      summary: stack.summary,
      disabled: stack.disabled,
      rules: stack.rules.map(({ rule, status, results }) => ({
        id: rule.id,
        title: rule.title,
        severity: rule.severity,
        status,
        externalIds: rule.externalIds,
        results,
      })),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
