import { randomBytes } from "node:crypto";
import { link, open } from "node:fs/promises";
import { join } from "node:path";
import { hasErrno } from "../shared/errno";
import { lstatIfExists, unlinkIfExists } from "../shared/fs-util";
import type { NewEntryAttributes } from "../shared/make-dirs";

/** Test seam for crash injection: called after each chunk lands in the temp file. */
export type CopyChunkHook = (tempPath: string, bytesSoFar: number) => void;

const CHUNK_BYTES = 256 * 1024;

export interface SourceFile {
  readonly path: string;
  /** Expected size: known from the seed manifest, it saves a read per file and catches a truncated package. */
  readonly bytes: number;
}

/**
 * Copies `source` to `target` unless something already exists at `target`.
 *
 * The data goes to a temp file in `stagingDir` (same filesystem), is fsynced, then hard-linked to `target`: unlike
 * rename, link fails instead of replacing a file that appeared meanwhile, so user content is never overwritten, and a
 * crash at any point leaves either no `target` or a complete one. The next run clears the staging dir.
 */
export async function copyIfAbsent(
  source: SourceFile,
  target: string,
  stagingDir: string,
  attributes: NewEntryAttributes,
  onChunk?: CopyChunkHook,
): Promise<"copied" | "skipped"> {
  if ((await lstatIfExists(target)) !== undefined) return "skipped";
  const temp = join(stagingDir, randomBytes(8).toString("hex"));
  try {
    await writeTemp(source, temp, attributes, onChunk);
    await link(temp, target);
    return "copied";
  } catch (error) {
    if (hasErrno(error, "EEXIST")) return "skipped";
    throw error;
  } finally {
    await unlinkIfExists(temp);
  }
}

async function writeTemp(source: SourceFile, temp: string, attributes: NewEntryAttributes, onChunk?: CopyChunkHook): Promise<void> {
  const input = await open(source.path, "r");
  try {
    const output = await open(temp, "wx", attributes.mode);
    try {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, source.bytes));
      for (let total = 0; total < source.bytes; ) {
        const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, source.bytes - total), null);
        if (bytesRead === 0) throw new Error(`${source.path} is shorter than the ${source.bytes} bytes the seed manifest says`);
        await output.write(buffer, 0, bytesRead);
        total += bytesRead;
        onChunk?.(temp, total);
      }
      await output.chmod(attributes.mode);
      if (attributes.chownTo !== undefined) await output.chown(attributes.chownTo.uid, attributes.chownTo.gid);
      await output.sync();
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
}
