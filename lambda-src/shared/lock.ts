import { randomUUID } from "node:crypto";
import type { Stats } from "node:fs";
import { type FileHandle, open, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { hasErrno } from "./errno";
import { statIfExists, unlinkIfExists } from "./fs-util";
import { sleep } from "./sleep";

export interface LockOptions {
  /** Lock file; created with O_EXCL, which EFS (NFSv4.1) honours across clients. */
  readonly path: string;
  /** A lock file older than this was left by a crashed holder and may be broken: keep it above the longest hold. */
  readonly staleMs: number;
  /** How long to wait for a live holder before failing. */
  readonly waitMs: number;
  readonly pollMs?: number;
}

export class LockBusyError extends Error {
  override readonly name = "LockBusyError";
}

/** Runs `work` while holding the lock file; releases it even when `work` throws. */
export async function withLock<T>(options: LockOptions, work: () => Promise<T>): Promise<T> {
  const id = await acquire(options);
  try {
    return await work();
  } finally {
    await release(options.path, id);
  }
}

// A crash while breaking a stale lock leaves the breaker behind; breaking takes milliseconds, so this is generous.
const BREAKER_STALE_MS = 30_000;

async function acquire(options: LockOptions): Promise<string> {
  const id = randomUUID();
  const pollMs = options.pollMs ?? 50;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    if (await tryCreate(options.path, id)) return id;
    const held = await statIfExists(options.path);
    if (held !== undefined && Date.now() - held.mtimeMs > options.staleMs && (await breakStale(options.path, held))) {
      continue;
    }
    if (Date.now() >= deadline) {
      const holder = await readFile(options.path, "utf8").catch(() => "(unreadable)");
      throw new LockBusyError(
        `lock ${options.path} is still held after waiting ${options.waitMs} ms (holder: ${holder}); ` +
          `another run is in progress, or a crashed one left it and it goes stale ${options.staleMs} ms after its mtime`,
      );
    }
    await sleep(pollMs);
  }
}

async function tryCreate(path: string, id: string): Promise<boolean> {
  let file: FileHandle;
  try {
    file = await open(path, "wx", 0o600);
  } catch (error) {
    if (hasErrno(error, "EEXIST")) return false;
    throw error;
  }
  try {
    await file.writeFile(JSON.stringify({ id, pid: process.pid, host: hostname(), at: new Date().toISOString() }));
    await file.sync();
  } finally {
    await file.close();
  }
  return true;
}

/**
 * Removes a stale lock. Only one process may break at a time (the breaker file), and it re-checks that the lock is
 * still the very file it judged stale, so a fresh lock taken meanwhile by someone else is never removed.
 */
async function breakStale(path: string, judged: Stats): Promise<boolean> {
  const breaker = `${path}.break`;
  if (!(await tryCreate(breaker, "breaker"))) {
    const old = await statIfExists(breaker);
    if (old !== undefined && Date.now() - old.mtimeMs > BREAKER_STALE_MS) await unlinkIfExists(breaker);
    return false;
  }
  try {
    const now = await statIfExists(path);
    if (now !== undefined && now.ino === judged.ino && now.mtimeMs === judged.mtimeMs) await unlinkIfExists(path);
    return true;
  } finally {
    await unlinkIfExists(breaker);
  }
}

async function release(path: string, id: string): Promise<void> {
  // If ours was broken as stale and someone else holds it now, theirs must survive.
  const content = await readFile(path, "utf8").catch((error: unknown) => {
    if (hasErrno(error, "ENOENT")) return "";
    throw error;
  });
  if (content.includes(id)) await unlinkIfExists(path);
}
