import type { Stats } from "node:fs";
import { lstat, stat, unlink } from "node:fs/promises";
import { hasErrno } from "./errno";

export async function statIfExists(path: string): Promise<Stats | undefined> {
  return orUndefinedIfMissing(stat(path));
}

/** Like statIfExists but never follows a symlink. */
export async function lstatIfExists(path: string): Promise<Stats | undefined> {
  return orUndefinedIfMissing(lstat(path));
}

export async function unlinkIfExists(path: string): Promise<void> {
  await orUndefinedIfMissing(unlink(path));
}

async function orUndefinedIfMissing<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if (hasErrno(error, "ENOENT")) return undefined;
    throw error;
  }
}
