// Scoring, verdict, exit code and the four formats; SARIF validated against the 2.1.0 schema.
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { FORMATTERS } from "../../src/policy/format/index";
import { loadSynthJson } from "../../src/policy/load-synth";
import { exitCode, oneLineVerdict, type PolicyReport } from "../../src/policy/report";
import { RULES } from "../../src/policy/rules/index";

const FIXTURES = path.join(__dirname, "fixtures");
const fixture = (rule: string, file: string) => loadSynthJson(path.join(FIXTURES, rule, file));

describe("the rule pack", () => {
  it("has the 60 rules of §8, 57 on by default, with unique ids and complete metadata", () => {
    expect(RULES).toHaveLength(60);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(60);
    expect(
      RULES.filter((r) => !r.defaultEnabled)
        .map((r) => r.id)
        .sort(),
    ).toEqual(["PI-ECS-008", "PI-KMS-002", "PI-SEC-002"]);
    for (const r of RULES) {
      expect(r.id).toMatch(/^PI-[A-Z0-9]{2,3}-\d{3}$/);
      expect(["LOW", "MEDIUM", "HIGH", "CRITICAL"]).toContain(r.severity);
      expect(r.resourceTypes.length).toBeGreaterThan(0);
      expect(r.title.length && r.rationale.length).toBeGreaterThan(0);
    }
  });
});

describe("scoring", () => {
  it("counts N of M over applicable rules; UNKNOWN is beside N/M, never a pass", () => {
    const report = evaluate(fixture("PI-NET-003", "fail.tf.json"), { only: ["PI-NET-003", "PI-RDS-001"] });
    expect(report.rules.map((r) => [r.rule.id, r.status])).toEqual([
      ["PI-NET-003", "FAIL"],
      ["PI-RDS-001", "NOT_APPLICABLE"],
    ]);
    expect(report.summary).toMatchObject({ applicable: 1, passed: 0, failed: 1, unknown: 0, results: { FAIL: 1, UNKNOWN: 1 } });
    const unknownOnly = evaluate(loadSynthJson({ resource: { aws_subnet: { x: { map_public_ip_on_launch: "${var.p}" } } } }), { only: ["PI-NET-003"] });
    expect(unknownOnly.summary).toMatchObject({ applicable: 1, passed: 0, unknown: 1 });
  });

  it("exits 1 only for an unwaived HIGH or CRITICAL failure", () => {
    const medium = evaluate(fixture("PI-NET-003", "fail.tf.json"), { only: ["PI-NET-003"] });
    const critical = evaluate(fixture("PI-RDS-002", "fail.tf.json"), { only: ["PI-RDS-002"] });
    const waived = evaluate(fixture("PI-RDS-002", "fail.tf.json"), { only: ["PI-RDS-002"], waivers: [{ rule: "PI-RDS-002", reason: "lab account, no data" }] });
    expect([exitCode(medium), exitCode(critical), exitCode(waived)]).toEqual([0, 1, 0]);
    expect(exitCode({ stacks: [medium, critical] })).toBe(1);
  });

  it("gives a one-line verdict for the synth summary", () => {
    const report = evaluate(fixture("PI-RDS-002", "pass.tf.json"), {
      only: ["PI-RDS-002", "PI-RDS-001"],
      waivers: [{ rule: "PI-RDS-001", reason: "encrypted snapshot restore" }],
    });
    expect(oneLineVerdict(report)).toBe("policy: 1/2 rules pass, 0 high/critical failures, 1 waived");
    const failing = evaluate(fixture("PI-RDS-002", "fail.tf.json"), { only: ["PI-RDS-002"] });
    expect(oneLineVerdict({ stacks: [report, failing] })).toBe("policy: 1/3 rules pass over 2 stacks, 1 high/critical failures, 1 waived");
    const unknown = evaluate(loadSynthJson({ resource: { aws_subnet: { x: { map_public_ip_on_launch: "${var.p}" } } } }), { only: ["PI-NET-003"] });
    expect(oneLineVerdict(unknown)).toBe("policy: 0/1 rules pass, 0 high/critical failures, 0 waived, 1 unknown");
  });
});

describe("formats", () => {
  const stacks = [
    evaluate(fixture("PI-RDS-002", "fail.tf.json"), { only: ["PI-RDS-002", "PI-RDS-001", "PI-NET-003"] }),
    evaluate(fixture("PI-ALB-001", "fail.tf.json"), {
      only: ["PI-ALB-001"],
      waivers: [{ rule: "PI-ALB-001", resource: "aws_lb_listener.fail_302", reason: "legacy clients" }],
    }),
  ];
  const report: PolicyReport = { stacks };

  it("text groups rules by severity and lists findings with their messages", () => {
    const text = FORMATTERS.text(report);
    expect(text).toMatch(/CRITICAL\n\s+FAIL\s+PI-RDS-002/);
    expect(text).toContain("aws_db_instance.fail_set: publicly_accessible = true, expected absent or false");
    expect(text).toContain("[waived (config): legacy clients]");
    expect(text.trim().split("\n").at(-1)).toBe(oneLineVerdict(report));
  });

  it("markdown has the score per stack and a table of rules needing attention", () => {
    const md = FORMATTERS.markdown(report);
    expect(md).toContain("**0 of 2** applicable rules pass");
    expect(md).toMatch(/\| CRITICAL \| PI-RDS-002 \| ❌ FAIL \|/);
  });

  it("json round-trips the per-rule, per-resource results", () => {
    const json = JSON.parse(FORMATTERS.json(report));
    expect(json.exitCode).toBe(1);
    expect(json.stacks[0].rules.find((r: { id: string }) => r.id === "PI-RDS-002").results).toContainEqual(
      expect.objectContaining({ address: "aws_db_instance.fail_set", status: "FAIL" }),
    );
  });

  it("sarif validates against the SARIF 2.1.0 schema and carries ids, levels, locations and suppressions", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, "sarif-schema-2.1.0.json"), "utf8"));
    const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
    const sarif = JSON.parse(FORMATTERS.sarif(report));
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate({ ...sarif, version: "2.0.0" })).toBe(false); // the validator can fail
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["PI-NET-003", "PI-RDS-001", "PI-RDS-002", "PI-ALB-001"]);
    expect(run.tool.driver.rules[2].properties["security-severity"]).toBe("9.5");
    const fail = run.results.find((r: { ruleId: string }) => r.ruleId === "PI-RDS-002");
    expect(fail).toMatchObject({
      ruleIndex: 2,
      level: "error",
      kind: "fail",
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "__tests__/policy/fixtures/PI-RDS-002/fail.tf.json" } },
          logicalLocations: [{ fullyQualifiedName: "aws_db_instance.fail_set", kind: "resource" }],
        },
      ],
    });
    const unknown = run.results.find(
      (r: { ruleId: string; message: { text: string } }) => r.ruleId === "PI-RDS-002" && r.message.text.startsWith("aws_db_instance.unknown_var"),
    );
    expect(unknown).toMatchObject({ kind: "review", level: "none" });
    const waived = run.results.find((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(waived.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "config: legacy clients" }]);
  });
});
