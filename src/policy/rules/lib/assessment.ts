/** Collects a rule's findings on one resource and turns them into a verdict: any failure wins over any unknown. */
import { isUnknown, type Finding, type Unknown, type Value, type Verdict } from "../../model";
import { show } from "./values";

/**
 * `refs` on each call: the external ids (of the rule's externalIds) whose condition is being judged, when the rule
 * checks several (e.g. rotation is CKV_AWS_7, "no public grant" CKV_AWS_33); omitted, the finding stands for the rule.
 */
export class Assessment {
  private readonly failures: Finding[] = [];
  private readonly unknowns: Finding[] = [];

  fail(message: string, refs?: readonly string[]): this {
    this.failures.push({ status: "FAIL", message, ...(refs ? { refs } : {}) });
    return this;
  }

  unknown(message: string, refs?: readonly string[]): this {
    this.unknowns.push({ status: "UNKNOWN", message, ...(refs ? { refs } : {}) });
    return this;
  }

  /** Judges one attribute value read with bool/num/str: Unknown → unknown, `ok` false → fail naming the expectation. */
  expect<T extends Value>(
    attribute: string,
    actual: T | Unknown | undefined,
    ok: (v: T | undefined) => boolean,
    expected: string,
    refs?: readonly string[],
  ): this {
    if (isUnknown(actual)) return this.unknown(`${attribute}: ${actual.reason}; expected ${expected}`, refs);
    return ok(actual) ? this : this.fail(`${attribute} = ${show(actual)}, expected ${expected}`, refs);
  }

  /** Requires a value to be present: a literal or a reference both count. */
  expectSet(attribute: string, actual: Value | undefined, expected: string, refs?: readonly string[]): this {
    if (isUnknown(actual)) return this.unknown(`${attribute}: ${actual.reason}; expected ${expected}`, refs);
    return actual === undefined || actual === null || actual === "" ? this.fail(`${attribute} is absent, expected ${expected}`, refs) : this;
  }

  /** Takes over another verdict's findings (e.g. a linked resource judged on its own), tagging untagged ones. */
  include(verdict: Verdict, refs?: readonly string[]): this {
    const findings =
      verdict.findings ?? (verdict.status === "FAIL" || verdict.status === "UNKNOWN" ? [{ status: verdict.status, message: verdict.message }] : []);
    for (const f of findings) (f.status === "FAIL" ? this.failures : this.unknowns).push(f.refs || !refs ? f : { ...f, refs });
    return this;
  }

  verdict(passMessage: string): Verdict {
    const findings = [...this.failures, ...this.unknowns];
    if (this.failures.length) return { status: "FAIL", message: this.failures.map((f) => f.message).join("; "), findings };
    if (this.unknowns.length) return { status: "UNKNOWN", message: this.unknowns.map((f) => f.message).join("; "), findings };
    return { status: "PASS", message: passMessage };
  }
}

export const notApplicable = (message: string): Verdict => ({ status: "NOT_APPLICABLE", message });

/** The best of several candidate verdicts (e.g. several flow logs for one VPC): any PASS, else UNKNOWN, else the first FAIL. */
export function bestOf(verdicts: readonly Verdict[], none: Verdict): Verdict {
  return verdicts.find((v) => v.status === "PASS") ?? verdicts.find((v) => v.status === "UNKNOWN") ?? verdicts[0] ?? none;
}
