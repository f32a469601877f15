import { chmod, chown, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { hasErrno } from "./errno";
import { lstatIfExists } from "./fs-util";
import type { Owner } from "./ownership";

export interface NewEntryAttributes {
  readonly mode: number;
  /** Chown new entries to this owner; undefined leaves the owner the filesystem chose (see ownership.ts). */
  readonly chownTo: Owner | undefined;
}

/**
 * Creates `base/segments[0]/segments[1]/...` one level at a time, so that every directory it creates gets the mode
 * (chmod, as mkdir's mode is cut by the umask) and owner. Existing levels are left as they are, but must be real
 * directories: a symlink could lead the write out of the mount. Returns how many directories it created.
 */
export async function makeDirs(base: string, segments: readonly string[], attributes: NewEntryAttributes): Promise<number> {
  let created = 0;
  let path = base;
  for (const segment of segments) {
    path = join(path, segment);
    if (await makeDir(path, attributes)) created += 1;
  }
  return created;
}

/** Creates one directory; false when a directory is already there. */
export async function makeDir(path: string, attributes: NewEntryAttributes): Promise<boolean> {
  try {
    await mkdir(path, attributes.mode);
  } catch (error) {
    if (!hasErrno(error, "EEXIST")) throw error;
    const existing = await lstatIfExists(path);
    if (existing?.isDirectory() !== true) throw new Error(`${path} exists but is not a directory`);
    return false;
  }
  await chmod(path, attributes.mode);
  if (attributes.chownTo !== undefined) await chown(path, attributes.chownTo.uid, attributes.chownTo.gid);
  return true;
}
