import { readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LockBusyError, withLock } from "../../lambda-src/shared/lock";
import { tempDir } from "./helpers/temp-dir";

const options = (dir: string) => ({ path: join(dir, "x.lock"), staleMs: 60_000, waitMs: 5_000, pollMs: 5 });

describe("withLock", () => {
  it("runs critical sections one at a time", async () => {
    const dir = tempDir();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(options(dir), async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 10));
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("releases the lock when the work throws", async () => {
    const dir = tempDir();
    await expect(withLock(options(dir), () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("gives up on a live holder after waitMs with a LockBusyError", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x.lock"), '{"id":"someone"}');
    await expect(withLock({ ...options(dir), waitMs: 50 }, async () => "ran")).rejects.toBeInstanceOf(LockBusyError);
    expect(readdirSync(dir)).toEqual(["x.lock"]);
  });

  it("breaks a lock older than staleMs", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x.lock"), '{"id":"crashed"}');
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(dir, "x.lock"), old, old);
    expect(await withLock({ ...options(dir), waitMs: 0 }, async () => "ran")).toBe("ran");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("clears a breaker left by a crash while breaking, once it is stale itself", async () => {
    const dir = tempDir();
    const old = new Date(Date.now() - 120_000);
    for (const name of ["x.lock", "x.lock.break"]) {
      writeFileSync(join(dir, name), "{}");
      utimesSync(join(dir, name), old, old);
    }
    expect(await withLock(options(dir), async () => "ran")).toBe("ran");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("does not remove a lock that is no longer its own", async () => {
    const dir = tempDir();
    await withLock(options(dir), async () => {
      // Someone judged ours stale and took over: releasing must leave theirs alone.
      writeFileSync(join(dir, "x.lock"), '{"id":"the-new-holder"}');
    });
    expect(readdirSync(dir)).toEqual(["x.lock"]);
  });
});
