// npm run bench:config: no input makes the config loader hang or balloon. Target: every input below is refused or
// accepted within 2 s and 200 MiB peak RSS, the whole node process counted (startup included). The 2 s are CPU
// seconds of the process (user + system): on a shared machine the wall clock also measures everyone else's work, so
// it is shown beside them but not judged. Each input runs in a plain node child (the loader bundled by esbuild, so no
// TypeScript loader is measured); a child still running after 30 s of wall clock fails the row.
import { spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";

const ROOT = resolve(__dirname, "..");
const MAX_SECONDS = 2;
const MAX_RSS_MIB = 200;
const MIB = 1024 * 1024;

const VALID = [
  "environments:",
  "  production:",
  "    region: eu-west-2",
  '    accountId: "123456789012"',
  "    edge: { domainName: bi.example.com, hostedZoneId: Z0123456789EXAMPLE00 }",
  "    compute: { images: { public: true } }",
  "",
].join("\n");

/** n keys `kN: N` under one mapping. */
const manyKeys = (n: number) => `${VALID}    tags:\n${Array.from({ length: n }, (_, i) => `      k${i}: v${i}`).join("\n")}\n`;

const ALIAS_BOMB = [
  "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
  ...Array.from(
    { length: 8 },
    (_, i) =>
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(", ")}]`,
  ),
  "environments: { production: *i }",
  "",
].join("\n");

interface Input {
  readonly name: string;
  /** Creates the input in `dir`; returns the path to load. */
  readonly make: (dir: string) => string;
  readonly mode?: "load" | "text";
}

const write = (name: string, text: string) => (dir: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const INPUTS: Input[] = [
  { name: "valid config", make: write("valid.yaml", VALID) },
  { name: "10 MiB file", make: write("ten-mib.yaml", `${VALID}${"# padding to ten mebibytes.........\n".repeat((10 * MIB) / 36)}`) },
  { name: "100k-key file (2.4 MB)", make: write("keys-100k.yaml", manyKeys(100_000)) },
  { name: "6k keys just under the 128 KiB cap", make: write("keys-6k.yaml", manyKeys(6_000)) },
  { name: "6k keys, one given twice", make: write("keys-6k-dup.yaml", `${manyKeys(6_000)}      k0: again\n`) },
  { name: "128 KiB of [ (nesting)", make: write("deep.yaml", `a: ${"[".repeat(128 * 1024 - 10)}\n`) },
  {
    name: "250 levels of indentation",
    make: write("indent.yaml", `a:\n${Array.from({ length: 250 }, (_, i) => `${" ".repeat(2 * i + 2)}a:`).join("\n")} x\n`),
  },
  { name: "alias bomb (9^9 nodes)", make: write("bomb.yaml", ALIAS_BOMB) },
  { name: "/dev/zero", make: () => "/dev/zero" },
  {
    name: "a FIFO nobody writes to",
    make: (dir) => {
      const file = join(dir, "fifo.yaml");
      execFileSync("mkfifo", [file]);
      return file;
    },
  },
];

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "pi-config-bench-"));
  const child = join(ROOT, "dist", "bench", "config-load-child.js");
  mkdirSync(join(ROOT, "dist", "bench"), { recursive: true });
  buildSync({
    entryPoints: [join(ROOT, "bench", "config-load-child.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    outfile: child,
    logLevel: "warning",
  });
  const rows: string[][] = [["input", "result", "loader", "process CPU", "wall clock", "peak RSS", "pass"]];
  let failed = false;
  try {
    for (const input of INPUTS) {
      const path = input.make(work);
      const started = performance.now();
      const out = spawnSync(process.execPath, [child, input.mode ?? "load", path], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
      const wall = (performance.now() - started) / 1000;
      if (out.status !== 0 || out.error) {
        rows.push([input.name, `child failed: ${out.error?.message ?? out.stderr.split("\n")[0]}`, "", "", `${wall.toFixed(2)} s`, "", "FAIL"]);
        failed = true;
        continue;
      }
      const r = JSON.parse(out.stdout) as { ms: number; cpuSeconds: number; maxRssMiB: number; ok: boolean; issues: number; first: string };
      const pass = r.cpuSeconds <= MAX_SECONDS && r.maxRssMiB <= MAX_RSS_MIB;
      failed ||= !pass;
      const result = r.ok ? "accepted" : `refused (${r.issues}): ${r.first.replace(/cannot read \S+: /, "").slice(0, 60)}`;
      rows.push([
        input.name,
        result,
        `${r.ms.toFixed(0)} ms`,
        `${r.cpuSeconds.toFixed(2)} s`,
        `${wall.toFixed(2)} s`,
        `${r.maxRssMiB.toFixed(0)} MiB`,
        pass ? "ok" : "FAIL",
      ]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  console.log(
    `Config loader limits: each input within ${MAX_SECONDS} s of CPU and ${MAX_RSS_MIB} MiB peak RSS (node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`,
  );
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join("  "));
  process.exitCode = failed ? 1 : 0;
}

main();
