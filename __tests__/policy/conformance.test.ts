// Conformance with checkov on its own fixtures (../shared/peer-suites/checkov): every expectation agrees, or is a
// deviation listed with its reason in conformance-deviations.ts; the figure and per-check table are printed
// (also: npm run policy:conformance).
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEVIATIONS, EXCLUSIONS } from "./conformance-deviations";
import { DEFAULT_SUITE, checkFolders, compare, formatReport, moduleDirs, runSuite, type CheckResult, type Comparison } from "./support/conformance";
import { hashModule, readValidity } from "./support/terraform-validity";

const SUITE = process.env.PI_CHECKOV_SUITE ?? DEFAULT_SUITE;
const present = fs.existsSync(path.join(SUITE, "README.md"));
const ci = process.env.CI === "true";

if (!present) {
  console.warn(`checkov conformance SKIPPED: no peer suite at ${SUITE} (shared/peer-suites/checkov beside the clone, or PI_CHECKOV_SUITE)`);
}

describe.runIf(!present && ci)("checkov conformance under CI", () => {
  it("finds the peer suite", () => {
    expect.fail(`CI=true but the checkov peer suite is missing at ${SUITE}`);
  });
});

describe.skipIf(!present)("checkov conformance", () => {
  let results: readonly CheckResult[];
  let comparison: Comparison;

  beforeAll(async () => {
    results = await runSuite(SUITE, readValidity(), EXCLUSIONS);
    comparison = compare(results, DEVIATIONS);
    console.log(formatReport(results, comparison));
  }, 120_000);

  it("reads every expectation of the suite", () => {
    const expectations = checkFolders(SUITE).reduce((n, check) => {
      const spec = JSON.parse(fs.readFileSync(path.join(SUITE, check, "expected.json"), "utf8")) as { passing: string[]; failing: string[] };
      return n + spec.passing.length + spec.failing.length;
    }, 0);
    expect(expectations).toBe(670);
    expect(comparison.total).toBe(expectations);
  });

  it("has Terraform's verdict cached for every fixture module, and none stale (npm run policy:conformance:validate)", () => {
    const validity = readValidity();
    const stale = checkFolders(SUITE)
      .flatMap((check) => moduleDirs(path.join(SUITE, check)))
      .filter((dir) => validity[path.relative(SUITE, dir)]?.hash !== hashModule(dir))
      .map((dir) => path.relative(SUITE, dir));
    expect(stale).toEqual([]);
  });

  it("the filtered figure is at least 95.5 %, and every counted difference is a listed, deliberate stricter verdict", () => {
    expect(comparison.countedAgreeing / comparison.counted).toBeGreaterThanOrEqual(0.955);
    expect(comparison.countedDifferences.filter((d) => !d.deviation).map((d) => `${d.outcome.check} ${d.outcome.address}`)).toEqual([]);
    // UNKNOWN neither agrees nor disagrees: never counted
    expect(results.flatMap((r) => r.outcomes).filter((o) => o.ours === "unknown" && !o.excluded)).toEqual([]);
  });

  it("agrees on every expectation that is not a listed deviation", () => {
    const unlisted = comparison.unlisted.map((o) => `${o.check} ${o.address}: expected ${o.expected}, ours ${o.ours} (${o.detail.slice(0, 200)})`);
    expect(unlisted).toEqual([]);
  });

  it("lists no deviation that no longer occurs", () => {
    expect(comparison.stale.map((d) => `${d.check} ${d.address}: expected ${d.expected}, ours ${d.ours}`)).toEqual([]);
  });

  it("lists each deviation once, with a reason", () => {
    const keys = DEVIATIONS.map((d) => `${d.check} ${d.expected} ${d.address}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of DEVIATIONS) expect(d.reason.trim().length, `${d.check} ${d.address}`).toBeGreaterThan(20);
  });

  it("reports the three files the strict HCL parser rejects as parse errors naming file and line, never skipping them", () => {
    const failed = results.flatMap((r) => r.modules.filter((m) => m.parseError).map((m) => m.parseError?.diagnostics[0]));
    expect(failed.map((d) => `${path.relative(SUITE, d?.file ?? "")}:${d?.line}`).sort()).toEqual([
      "CKV_AWS_1/main.tf:28",
      "CKV_AWS_21/main.tf:160",
      "CKV_AWS_49/main.tf:34",
    ]);
    const parseErrors = results.flatMap((r) => r.outcomes.filter((o) => o.ours === "parse-error"));
    expect(parseErrors).toHaveLength(19);
    expect(parseErrors.every((o) => !o.agrees)).toBe(true);
    for (const o of parseErrors) {
      const listed = DEVIATIONS.find((d) => d.check === o.check && d.address === o.address && d.expected === o.expected);
      expect(listed?.reason, `${o.check} ${o.address}`).toMatch(/^strict HCL parser rejects the file/);
    }
  });

  it("judges for_each instances by key and subfolders as separate root modules", () => {
    const outcome = (check: string, address: string, expected: string) =>
      results.find((r) => r.check === check)?.outcomes.find((o) => o.address === address && o.expected === expected);
    expect(outcome("CKV_AWS_211", 'aws_db_instance.pass["rds-ca-ecc384-g1"]', "pass")).toMatchObject({ ours: "pass", agrees: true });
    // the same address fails in CKV_AWS_20/main.tf and passes in its same_resource_name/ subfolder
    expect(outcome("CKV_AWS_20", "aws_s3_bucket.public_read", "fail")).toMatchObject({ ours: "fail", agrees: true });
    expect(outcome("CKV_AWS_20", "aws_s3_bucket.public_read", "pass")).toMatchObject({ agrees: true });
    expect(results.find((r) => r.check === "CKV_AWS_230")?.modules.map((m) => path.basename(m.dir))).toEqual(["CKV_AWS_230", "dynamic_blocks_map_brackets"]);
  });
});
