/**
 * SARIF 2.1.0 for code scanning. One run; FAIL results are `kind: fail` at the severity's level, UNKNOWN results
 * `kind: review`, WAIVED results fail results carrying an accepted suppression. PASS results are not emitted.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { RuleMeta, Severity } from "../model";
import type { PolicyReport, ResourceResult, StackReport } from "../report";

type Level = "error" | "warning" | "note" | "none";

const LEVEL: Readonly<Record<Severity, Level>> = { CRITICAL: "error", HIGH: "error", MEDIUM: "warning", LOW: "note" };
/** GitHub maps security-severity > 9 to critical, 7-8.9 high, 4-6.9 medium, below low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { CRITICAL: "9.5", HIGH: "8.0", MEDIUM: "5.5", LOW: "3.0" };

function artifactUri(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? pathToFileURL(path.resolve(file)).href : relative.split(path.sep).join("/");
}

function driverRule(rule: RuleMeta): object {
  const ids = rule.externalIds;
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    defaultConfiguration: { level: LEVEL[rule.severity], enabled: rule.defaultEnabled },
    properties: {
      "security-severity": SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      tags: ["security", "terraform", ...ids.checkov, ...ids.trivy, ...ids.securityHub, ...ids.cdkNag],
    },
  };
}

function sarifResult(stack: StackReport, rule: RuleMeta, ruleIndex: number, r: ResourceResult): object {
  const unknown = r.status === "UNKNOWN" || r.waived === "UNKNOWN";
  return {
    ruleId: rule.id,
    ruleIndex,
    // SARIF: a result that is not a failure must have level none
    kind: unknown ? "review" : "fail",
    level: unknown ? "none" : LEVEL[rule.severity],
    message: { text: `${r.address}: ${unknown ? "cannot be evaluated: " : ""}${r.message}` },
    locations: [
      {
        ...(stack.path ? { physicalLocation: { artifactLocation: { uri: artifactUri(stack.path) } } } : {}),
        logicalLocations: [{ name: r.address, fullyQualifiedName: r.address, kind: "resource" }],
      },
    ],
    ...(r.waiver ? { suppressions: [{ kind: "external", status: "accepted", justification: `${r.waiver.source}: ${r.waiver.reason}` }] } : {}),
    properties: { stack: stack.stack, resourceType: r.type },
  };
}

export function formatSarif(report: PolicyReport): string {
  const rules = [...new Map(report.stacks.flatMap((s) => s.rules.map((r) => [r.rule.id, r.rule] as const))).values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.stacks.flatMap((stack) =>
    stack.rules.flatMap(({ rule, results }) =>
      results
        .filter((r) => r.status === "FAIL" || r.status === "UNKNOWN" || r.status === "WAIVED")
        .map((r) => sarifResult(stack, rule, index.get(rule.id) ?? 0, r)),
    ),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "pi-policy", rules: rules.map(driverRule) } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
