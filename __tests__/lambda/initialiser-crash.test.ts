import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MARKER_FILE } from "../../lambda-src/efs-initialiser/marker";
import { init, makeSeed, testConfig } from "./helpers/initialiser";
import { tempDir } from "./helpers/temp-dir";

const BIG = 3 * 1024 * 1024 + 17; // several copy chunks
const FILES: Record<string, string | Buffer> = { "custom_jdbc/driver.jar": Buffer.alloc(BIG, 7) };
for (let i = 0; i < 40; i += 1) FILES[`themes/t${i}.css`] = `theme ${i}`;

/** Every seed file is either absent at its final name or complete; never partial. */
function expectNoPartialFiles(mount: string, seedDir: string): number {
  let present = 0;
  for (const path of Object.keys(FILES)) {
    if (!existsSync(join(mount, path))) continue;
    present += 1;
    expect(readFileSync(join(mount, path)).equals(readFileSync(join(seedDir, path))), path).toBe(true);
  }
  return present;
}

async function runChildUntilFrozen(mount: string, seedDir: string): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(__dirname, "fixtures/initialise-until-killed.ts"), mount, seedDir, `${BIG}`], {
    cwd: resolve(__dirname, "../.."),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const frozenAt = await new Promise<string>((resolveFrozen, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /frozen (.+)\n/.exec(output);
      if (match?.[1] !== undefined) resolveFrozen(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before reaching the crash point: ${output}`)));
  });
  const exited = new Promise((resolveExit) => child.on("exit", resolveExit));
  child.kill("SIGKILL");
  await exited;
  return frozenAt;
}

describe("efs initialiser crash safety", () => {
  it("a run killed mid-copy leaves no partial file under a final name, and the next run completes", async () => {
    const mount = tempDir();
    const seed = makeSeed(FILES);

    const tempPath = await runChildUntilFrozen(mount, seed.dir);

    // The crash really happened mid-copy: a partial temp file exists, the final file does not.
    expect(statSync(tempPath).size).toBeGreaterThan(0);
    expect(statSync(tempPath).size).toBeLessThan(BIG);
    expect(existsSync(join(mount, "custom_jdbc/driver.jar"))).toBe(false);
    expect(existsSync(join(mount, MARKER_FILE))).toBe(false);
    const survivors = expectNoPartialFiles(mount, seed.dir);

    // The dead run's lock goes stale after PI_LOCK_STALE_SECONDS=1; the next run waits it out, then finishes the job.
    const summary = await init({ config: testConfig(mount, { PI_LOCK_STALE_SECONDS: "1" }), seed, lockWaitMs: 10_000 });

    expect(summary.copied).toBe(Object.keys(FILES).length - survivors);
    expect(summary.skipped).toBe(survivors);
    expect(expectNoPartialFiles(mount, seed.dir)).toBe(Object.keys(FILES).length);
    expect(readdirSync(mount).filter((name) => name.startsWith(".pi-init"))).toEqual([MARKER_FILE]);
  });

  it("a copy that fails midway throws, publishes nothing partial, and the next run completes", async () => {
    const mount = tempDir();
    const seed = makeSeed(FILES);
    const failing = init({
      config: testConfig(mount),
      seed,
      onCopyChunk: (_temp, bytes) => {
        if (bytes < BIG) throw new Error("injected I/O failure");
      },
    });
    await expect(failing).rejects.toThrow("injected I/O failure");
    expect(existsSync(join(mount, "custom_jdbc/driver.jar"))).toBe(false);
    expectNoPartialFiles(mount, seed.dir);

    const summary = await init({ config: testConfig(mount), seed });
    expect(summary.noop).toBe(false);
    expect(expectNoPartialFiles(mount, seed.dir)).toBe(Object.keys(FILES).length);
  });
});
