/**
 * Synth benchmark (`npm run bench`): the production example synthesised by the app as a cold process (`node
 * dist/main.js`, what `npm run synth` runs after its ~0.1 s esbuild step) beside `npx cdktf synth` of the same app,
 * and the app under tsx for reference, all in this one run. Prints medians and ratios; target: app ≤ 1.0 s. A row
 * with the Lambda zip cache emptied shows a checkout's first synth.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..");
const config = join(root, "examples", "production.yaml");
const runs = Number(process.env.BENCH_RUNS ?? 7);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PI_CONFIG: config };

function time(label: string, command: string, args: string[], count: number): number[] {
  const seconds: number[] = [];
  for (let i = 0; i < count; i++) {
    const out = mkdtempSync(join(tmpdir(), "pi-bench-"));
    const started = performance.now();
    const result = spawnSync(
      command,
      args.map((a) => a.replace("{out}", out)),
      { cwd: root, env, encoding: "utf8" },
    );
    seconds.push((performance.now() - started) / 1000);
    rmSync(out, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
  }
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const buildStarted = performance.now();
execFileSync("npm", ["run", "--silent", "build"], { cwd: root, env });
const buildSeconds = (performance.now() - buildStarted) / 1000;

// The first synth of a checkout also bundles the two Lambdas (later ones reuse the zips from the input-keyed cache).
const zipCache = join(root, "node_modules", ".cache", "panintelligence-lambda");
const uncached = Array.from({ length: 3 }, () => {
  rmSync(zipCache, { recursive: true, force: true });
  return time("node dist/main.js (no zip cache)", process.execPath, [join(root, "dist", "main.js"), "--out", "{out}"], 1)[0];
});
const app = time("node dist/main.js", process.execPath, [join(root, "dist", "main.js"), "--out", "{out}"], runs);
const tsx = time("tsx main.ts", join(root, "node_modules", ".bin", "tsx"), [join(root, "main.ts"), "--out", "{out}"], Math.min(runs, 5));
const cdktf = time("npx cdktf synth", "npx", ["cdktf", "synth", "--output", "{out}"], Math.min(runs, 5));

const rows: Array<[string, number[]]> = [
  ["app: node dist/main.js (cold process)", app],
  ["app: same, Lambda zip cache emptied first", uncached],
  ["app: tsx main.ts", tsx],
  ["npx cdktf synth (same app, via CLI)", cdktf],
];
console.log(`Synth of examples/production.yaml; ${runs} runs (tsx and cdktf: ${Math.min(runs, 5)}); esbuild step ${buildSeconds.toFixed(2)} s\n`);
console.log(`${"command".padEnd(42)}  median   min      max`);
for (const [label, xs] of rows) {
  console.log(`${label.padEnd(42)}  ${median(xs).toFixed(2)} s   ${Math.min(...xs).toFixed(2)} s   ${Math.max(...xs).toFixed(2)} s`);
}
const ratio = median(cdktf) / median(app);
console.log(`\nratio npx cdktf synth / app: ${ratio.toFixed(1)}x`);
console.log(`target app median ≤ 1.00 s: ${median(app).toFixed(2)} s → ${median(app) <= 1 ? "MET" : "NOT MET"}`);
