/**
 * npm run policy:conformance [-- <suite dir>]: the checkov conformance figures (filtered: what counts, see
 * support/conformance.ts; and unfiltered), every exclusion and every counted difference with its reason, and the
 * per-check table. Terraform's verdicts come from the cache npm run policy:conformance:validate writes.
 */
import * as fs from "node:fs";
import { DEVIATIONS, EXCLUSIONS } from "../conformance-deviations";
import { DEFAULT_SUITE, compare, formatReport, runSuite } from "./conformance";
import { readValidity } from "./terraform-validity";

async function main(): Promise<number> {
  const suite = process.argv[2] ?? process.env.PI_CHECKOV_SUITE ?? DEFAULT_SUITE;
  if (!fs.existsSync(suite)) {
    process.stderr.write(`policy:conformance: ${suite}: no checkov peer suite here\n`);
    return 2;
  }
  const results = await runSuite(suite, readValidity(), EXCLUSIONS);
  const comparison = compare(results, DEVIATIONS);
  process.stdout.write(`${formatReport(results, comparison)}\n`);
  return comparison.unlisted.length || comparison.stale.length ? 1 : 0;
}

void main().then((code) => (process.exitCode = code));
