/**
 * One terraform command of a rehearsal phase, bounded in time. The emulator answers some unimplemented calls with
 * HTTP 500s that the provider retries until its own timeout (20 min and more), so a phase that runs out of time is
 * interrupted (SIGINT, so terraform saves state and prints its errors) and reported with the resources still in flight.
 */
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";

export interface TerraformRun {
  readonly code: number;
  readonly timedOut: boolean;
  readonly output: string;
  readonly seconds: number;
}

/** Grace after SIGINT before SIGKILL: terraform waits for in-flight calls to finish and writes state. */
const INTERRUPT_GRACE_MS = 60_000;

export async function terraform(dir: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number, logFile: string): Promise<TerraformRun> {
  const started = performance.now();
  appendFileSync(logFile, `\n$ terraform ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [`-chdir=${dir}`, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: string[] = [];
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      chunks.push(text);
      appendFileSync(logFile, text);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    let kill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGINT");
      kill = setTimeout(() => child.kill("SIGKILL"), INTERRUPT_GRACE_MS);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (kill) clearTimeout(kill);
      resolve({ code: code ?? 1, timedOut, output: chunks.join(""), seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Resources terraform reported as creating, modifying or destroying and never as complete (nor failed). */
export function stillInFlight(output: string): string[] {
  const started = new Set<string>();
  const finished = new Set<string>();
  for (const line of output.split("\n")) {
    const match =
      /^(\S+): (Creating|Modifying|Destroying|Still creating|Still modifying|Still destroying|Creation complete|Modifications complete|Destruction complete)/.exec(
        line,
      );
    if (!match) continue;
    if (/complete$/.test(match[2])) finished.add(match[1]);
    else started.add(match[1]);
  }
  return [...started].filter((address) => !finished.has(address)).sort();
}

/** Terraform's `Error:` blocks, each as one line (the summary and a failure report show them). */
export function errorsOf(output: string): string[] {
  const errors: string[] = [];
  const lines = output.split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^(?:│ )?Error: (.*)$/.exec(lines[i]);
    if (!match) continue;
    const detail: string[] = [match[1]];
    for (let j = i + 1; j < lines.length && j < i + 12; j += 1) {
      const line = lines[j].replace(/^│ ?/, "").trim();
      if (/^(Error:|╵)/.test(line) || /^(?:│ )?Error: /.test(lines[j])) break;
      if (line !== "") detail.push(line);
    }
    errors.push(detail.join(" "));
  }
  return errors;
}
