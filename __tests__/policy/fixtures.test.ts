// Table-driven, checkov-style: each rule's fixtures list the exact addresses per outcome (security-rules §6).
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { loadSynthJson } from "../../src/policy/load-synth";
import type { ResultStatus } from "../../src/policy/model";
import { RULES } from "../../src/policy/rules/index";

const FIXTURES = path.join(__dirname, "fixtures");
const ruleDirs = fs
  .readdirSync(FIXTURES)
  .filter((d) => d.startsWith("PI-"))
  .sort();

type Outcome = "pass" | "fail" | "na" | "unknown" | "waived";
const OUTCOME: Readonly<Record<ResultStatus, Outcome>> = { PASS: "pass", FAIL: "fail", NOT_APPLICABLE: "na", UNKNOWN: "unknown", WAIVED: "waived" };
/** Resource names say what they test: pass_*, fail_*, na_*, unknown_*, and default_* for an omitted attribute. */
const NAME_PREFIXES: Readonly<Record<Outcome, readonly string[]>> = {
  pass: ["pass_", "default_"],
  fail: ["fail_", "default_"],
  na: ["na_"],
  unknown: ["unknown_"],
  waived: ["waived_"],
};

function outcomes(ruleId: string, file: string): Record<Outcome, string[]> {
  const report = evaluate(loadSynthJson(path.join(FIXTURES, ruleId, file)), { only: [ruleId] });
  const out: Record<Outcome, string[]> = { pass: [], fail: [], na: [], unknown: [], waived: [] };
  for (const r of report.rules[0].results) out[OUTCOME[r.status]].push(r.address);
  return out;
}

describe("rule fixtures", () => {
  it("every rule has a fixture directory and every directory a rule", () => {
    expect(ruleDirs).toEqual(RULES.map((r) => r.id).sort());
  });

  describe.each(ruleDirs)("%s", (ruleId) => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, ruleId, "expected.json"), "utf8")) as Partial<Record<Outcome, string[]>>;
    const fromPass = outcomes(ruleId, "pass.tf.json");
    const fromFail = outcomes(ruleId, "fail.tf.json");

    it.each(["pass", "fail", "na", "unknown", "waived"] as const)("%s addresses match expected.json exactly", (outcome) => {
      expect([...fromPass[outcome], ...fromFail[outcome]].sort()).toEqual([...(expected[outcome] ?? [])].sort());
    });

    it("pass.tf.json has a passing resource and no failure; fail.tf.json has a failure", () => {
      expect(fromPass.pass.length).toBeGreaterThan(0);
      expect(fromPass.fail).toEqual([]);
      expect(fromFail.fail.length).toBeGreaterThan(0);
    });

    it("resource names state the outcome they test", () => {
      for (const [outcome, addresses] of Object.entries(expected) as [Outcome, string[]][]) {
        for (const address of addresses) {
          const name = address.split(".").at(-1) ?? "";
          expect(
            NAME_PREFIXES[outcome].some((p) => name.startsWith(p)),
            `${address} listed as ${outcome}`,
          ).toBe(true);
        }
      }
    });
  });
});
