/** Collects a rule's findings on one resource and turns them into a verdict: any failure wins over any unknown. */
import { isUnknown, type Unknown, type Value, type Verdict } from "../../model";
import { show } from "./values";

export class Assessment {
  private readonly failures: string[] = [];
  private readonly unknowns: string[] = [];

  fail(message: string): this {
    this.failures.push(message);
    return this;
  }

  unknown(message: string): this {
    this.unknowns.push(message);
    return this;
  }

  /** Judges one attribute value read with bool/num/str: Unknown → unknown, `ok` false → fail naming the expectation. */
  expect<T extends Value>(attribute: string, actual: T | Unknown | undefined, ok: (v: T | undefined) => boolean, expected: string): this {
    if (isUnknown(actual)) return this.unknown(`${attribute}: ${actual.reason}; expected ${expected}`);
    return ok(actual) ? this : this.fail(`${attribute} = ${show(actual)}, expected ${expected}`);
  }

  /** Requires a value to be present: a literal or a reference both count. */
  expectSet(attribute: string, actual: Value | undefined, expected: string): this {
    if (isUnknown(actual)) return this.unknown(`${attribute}: ${actual.reason}; expected ${expected}`);
    return actual === undefined || actual === null || actual === "" ? this.fail(`${attribute} is absent, expected ${expected}`) : this;
  }

  verdict(passMessage: string): Verdict {
    if (this.failures.length) return { status: "FAIL", message: this.failures.join("; ") };
    if (this.unknowns.length) return { status: "UNKNOWN", message: this.unknowns.join("; ") };
    return { status: "PASS", message: passMessage };
  }
}

export const notApplicable = (message: string): Verdict => ({ status: "NOT_APPLICABLE", message });

/** The best of several candidate verdicts (e.g. several flow logs for one VPC): any PASS, else UNKNOWN, else the first FAIL. */
export function bestOf(verdicts: readonly Verdict[], none: Verdict): Verdict {
  return verdicts.find((v) => v.status === "PASS") ?? verdicts.find((v) => v.status === "UNKNOWN") ?? verdicts[0] ?? none;
}
