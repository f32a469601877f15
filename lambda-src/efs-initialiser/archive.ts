import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename } from "node:fs/promises";
import { join } from "node:path";

export const ARCHIVE_DIR = ".pi-init-archive";

export interface ArchiveResult {
  /** Relative to the mount, e.g. ".pi-init-archive/2025-01-31T10-00-00-000Z-1a2b". */
  readonly archiveDir: string;
  readonly moved: number;
}

/**
 * Moves every entry of each directory into `<mount>/.pi-init-archive/<date>-<id>/<dir>/`: a rename, so nothing is
 * copied or deleted. The directories themselves stay put, because running tasks' access points are bound to them.
 * A crash midway leaves some entries moved and some not; nothing is lost and the next reseed moves the rest.
 */
export async function archiveContents(mountPath: string, directories: readonly string[], now: Date): Promise<ArchiveResult> {
  const stamp = `${now.toISOString().replace(/[:.]/g, "-")}-${randomBytes(2).toString("hex")}`;
  const archiveDir = join(ARCHIVE_DIR, stamp);
  let moved = 0;
  for (const directory of directories) {
    const from = join(mountPath, directory);
    const entries = await readdir(from);
    if (entries.length === 0) continue;
    const to = join(mountPath, archiveDir, directory);
    await mkdir(to, { recursive: true, mode: 0o700 });
    for (const entry of entries) {
      await rename(join(from, entry), join(to, entry));
      moved += 1;
    }
  }
  return { archiveDir, moved };
}
