/**
 * The report model and its scoring (security-rules §6): a rule is applicable when at least one resource is in
 * scope, and passes only when every in-scope resource passes. WAIVED and UNKNOWN are counted beside N/M, never in N.
 */
import type { Finding, ResultStatus, RuleMeta, Severity, StackKind } from "./model";
import type { AppliedWaiver } from "./waivers";

export interface ResourceResult {
  readonly address: string;
  readonly type: string;
  readonly status: ResultStatus;
  readonly message: string;
  readonly waiver?: AppliedWaiver;
  /** What a WAIVED result was before the waiver. */
  readonly waived?: "FAIL" | "UNKNOWN";
  /** The conditions behind a FAIL or UNKNOWN, each with the external ids it corresponds to, when the rule says. */
  readonly findings?: readonly Finding[];
}

export type RuleStatus = ResultStatus;

export interface RuleResult {
  readonly rule: RuleMeta;
  readonly status: RuleStatus;
  readonly results: readonly ResourceResult[];
}

export interface StackSummary {
  /** M: enabled rules with at least one resource in scope. */
  readonly applicable: number;
  /** N: applicable rules whose every in-scope resource passes. */
  readonly passed: number;
  readonly failed: number;
  readonly unknown: number;
  readonly waived: number;
  /** Rules of HIGH or CRITICAL severity with an unwaived FAIL. */
  readonly highCriticalFailures: number;
  /** checkov-style counts over (rule, resource) pairs. */
  readonly results: Readonly<Record<ResultStatus, number>>;
}

export interface StackReport {
  readonly stack: string;
  readonly kind: StackKind;
  readonly path?: string;
  readonly rules: readonly RuleResult[];
  /** Ids of rules that were not run (off by default or disabled). */
  readonly disabled: readonly string[];
  readonly summary: StackSummary;
}

export interface PolicyReport {
  readonly stacks: readonly StackReport[];
}

export const SEVERITIES: readonly Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
const BLOCKING: ReadonlySet<Severity> = new Set(["HIGH", "CRITICAL"]);

/** FAIL > UNKNOWN > WAIVED > PASS; no in-scope resource → NOT_APPLICABLE. */
export function ruleStatus(results: readonly ResourceResult[]): RuleStatus {
  const statuses = new Set(results.map((r) => r.status));
  for (const s of ["FAIL", "UNKNOWN", "WAIVED", "PASS"] as const) if (statuses.has(s)) return s;
  return "NOT_APPLICABLE";
}

export function summarise(rules: readonly RuleResult[]): StackSummary {
  const count = (s: RuleStatus): number => rules.filter((r) => r.status === s).length;
  const results: Record<ResultStatus, number> = { PASS: 0, FAIL: 0, UNKNOWN: 0, WAIVED: 0, NOT_APPLICABLE: 0 };
  for (const rule of rules) for (const r of rule.results) results[r.status] += 1;
  return {
    applicable: rules.length - count("NOT_APPLICABLE"),
    passed: count("PASS"),
    failed: count("FAIL"),
    unknown: count("UNKNOWN"),
    waived: count("WAIVED"),
    highCriticalFailures: rules.filter((r) => r.status === "FAIL" && BLOCKING.has(r.rule.severity)).length,
    results,
  };
}

const stacksOf = (report: PolicyReport | StackReport): readonly StackReport[] => ("stacks" in report ? report.stacks : [report]);

/** 1 when any stack has an unwaived FAIL of a HIGH or CRITICAL rule, else 0. */
export function exitCode(report: PolicyReport | StackReport): 0 | 1 {
  return stacksOf(report).some((s) => s.summary.highCriticalFailures > 0) ? 1 : 0;
}

/** e.g. "policy: 54/57 rules pass, 0 high/critical failures, 2 waived" (summed over stacks; unknowns when any). */
export function oneLineVerdict(report: PolicyReport | StackReport): string {
  const stacks = stacksOf(report);
  const sum = (k: keyof Omit<StackSummary, "results">): number => stacks.reduce((n, s) => n + s.summary[k], 0);
  const unknown = sum("unknown");
  const scope = stacks.length === 1 ? "" : ` over ${stacks.length} stacks`;
  return (
    `policy: ${sum("passed")}/${sum("applicable")} rules pass${scope}, ${sum("highCriticalFailures")} high/critical failures, ` +
    `${sum("waived")} waived${unknown ? `, ${unknown} unknown` : ""}`
  );
}
