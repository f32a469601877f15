/** npm run policy:conformance [-- <suite dir>]: the checkov conformance figure and per-check table. */
import * as fs from "node:fs";
import { DEVIATIONS } from "../conformance-deviations";
import { DEFAULT_SUITE, compare, formatReport, runSuite } from "./conformance";

async function main(): Promise<number> {
  const suite = process.argv[2] ?? process.env.PI_CHECKOV_SUITE ?? DEFAULT_SUITE;
  if (!fs.existsSync(suite)) {
    process.stderr.write(`policy:conformance: ${suite}: no checkov peer suite here\n`);
    return 2;
  }
  const results = await runSuite(suite);
  const comparison = compare(results, DEVIATIONS);
  process.stdout.write(`${formatReport(results, comparison)}\n`);
  return comparison.unlisted.length || comparison.stale.length ? 1 : 0;
}

void main().then((code) => (process.exitCode = code));
