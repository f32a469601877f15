// Findings tag the external checks they implement (Finding.refs): the tags are the rule's own external ids, and a
// verdict's findings add up to its status.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { loadSynthJson } from "../../src/policy/load-synth";
import { RULES } from "../../src/policy/rules/index";

const RULES_DIR = path.join(__dirname, "..", "..", "src", "policy", "rules");
const FIXTURES = path.join(__dirname, "fixtures");
const EXTERNAL_ID = /"((?:CKV2?_AWS_\d+)|(?:AWS-\d{4})|(?:[A-Z][A-Za-z0-9]*\.\d+)|(?:AwsSolutions-[A-Z0-9]+))"/g;

describe("finding tags", () => {
  it.each(RULES.map((r) => [r.id, r] as const))("%s tags findings only with its own external ids", (id, rule) => {
    const source = fs.readFileSync(path.join(RULES_DIR, `${id}.ts`), "utf8");
    const own = new Set(Object.values(rule.externalIds).flat());
    const used = [...source.matchAll(EXTERNAL_ID)].map((m) => m[1]);
    expect(used.filter((ref) => !own.has(ref))).toEqual([]);
  });

  it("every FAIL and UNKNOWN on the rule fixtures carries findings of that status, and PASS none", () => {
    for (const id of RULES.map((r) => r.id)) {
      for (const file of ["pass.tf.json", "fail.tf.json"]) {
        const report = evaluate(loadSynthJson(path.join(FIXTURES, id, file)), { only: [id] });
        for (const r of report.rules[0].results) {
          const own = new Set(Object.values(report.rules[0].rule.externalIds).flat());
          for (const f of r.findings ?? []) for (const ref of f.refs ?? []) expect(own.has(ref), `${id} ${r.address}: ${ref}`).toBe(true);
          if (r.status === "PASS" || r.status === "NOT_APPLICABLE") expect(r.findings, `${id} ${r.address}`).toBeUndefined();
          if (r.findings)
            expect(
              r.findings.some((f) => f.status === r.status),
              `${id} ${r.address}`,
            ).toBe(true);
        }
      }
    }
  });

  it("lets a report say which check a failure is: rotation is CKV_AWS_7, a public grant CKV_AWS_33", () => {
    const report = evaluate(
      loadSynthJson({
        resource: {
          aws_kms_key: {
            k: {
              enable_key_rotation: false,
              policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }] }),
            },
          },
        },
      }),
      { only: ["PI-KMS-001"] },
    );
    const findings = report.rules[0].results[0].findings ?? [];
    expect(findings.map((f) => [f.status, f.refs?.[0]])).toEqual([
      ["FAIL", "CKV_AWS_7"],
      ["FAIL", "CKV_AWS_33"],
    ]);
  });
});
