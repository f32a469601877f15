// The measured side of bench/config.bench.ts: loads one input in a fresh node process and prints the loader's own
// time and the process's peak RSS as JSON. `text` mode parses the text without the size cap (the parser alone).
import { readFileSync } from "node:fs";
import { loadConfigFile } from "../src/config/load";
import { parseConfigText } from "../src/config/parse-config-text";

const [mode, file] = process.argv.slice(2);
const started = performance.now();
const result = mode === "text" ? parseConfigText(readFileSync(file, "utf8")) : loadConfigFile(file);
const ms = performance.now() - started;
const first = result.ok ? "" : `${result.issues[0].path || "(file)"}: ${result.issues[0].message}`;
const usage = process.resourceUsage();
process.stdout.write(
  JSON.stringify({
    ms,
    // CPU time of the whole process (startup included): unlike the wall clock, not stretched by other work on the machine.
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    maxRssMiB: usage.maxRSS / 1024,
    ok: result.ok,
    issues: result.ok ? 0 : result.issues.length,
    first,
  }),
);
