/**
 * Apply-rehearsal benchmark (`npm run bench:rehearse`): the production example rehearsed once (emulator start, synth,
 * init, apply, second plan, destroy), timed as a whole and per phase from the rehearsal's own Markdown summary, beside
 * the 6-minute target (a ratio, not a timed test). Also prints the machine's load, since the figure depends on it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const TARGET_SECONDS = 6 * 60;
const root = resolve(__dirname, "..");
const summary = join(mkdtempSync(join(tmpdir(), "pi-bench-rehearse-")), "summary.md");

const load = loadavg()[0];
const started = performance.now();
const result = spawnSync("npx", ["tsx", "src/rehearse/cli.ts", "examples/production.yaml", "--no-modules", "--summary", summary], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
});
const seconds = (performance.now() - started) / 1000;
if (result.status !== 0) {
  console.error(result.stdout, result.stderr);
  throw new Error(`the rehearsal failed (exit ${result.status})`);
}
console.log(readFileSync(summary, "utf8"));
console.log(`rehearsal of examples/production.yaml: ${seconds.toFixed(0)} s wall clock (load average before: ${load.toFixed(1)})`);
console.log(`target ≤ ${TARGET_SECONDS} s: ${(seconds / TARGET_SECONDS).toFixed(2)} of the target, ${seconds <= TARGET_SECONDS ? "met" : "NOT met"}`);
