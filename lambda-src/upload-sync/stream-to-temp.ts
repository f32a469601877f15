import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, chown } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { unlinkIfExists } from "../shared/fs-util";
import type { NewEntryAttributes } from "../shared/make-dirs";

/**
 * Streams `body` into a new hidden temp file in `dir`, fsynced before it is closed; returns its path. Memory stays
 * flat whatever the object size (pipeline applies back-pressure). The temp file sits beside its target, so the rename
 * that publishes it never crosses a filesystem. On failure the temp file is removed and the error rethrown.
 */
export async function streamToTemp(body: Readable, dir: string, attributes: NewEntryAttributes): Promise<string> {
  const temp = join(dir, `.pi-sync-${randomBytes(8).toString("hex")}.tmp`);
  try {
    // flush: fsync before close. A large buffer lets the stream batch socket chunks into few writev calls.
    await pipeline(body, createWriteStream(temp, { flags: "wx", mode: attributes.mode, flush: true, highWaterMark: 1024 * 1024 }));
    await chmod(temp, attributes.mode);
    if (attributes.chownTo !== undefined) await chown(temp, attributes.chownTo.uid, attributes.chownTo.gid);
  } catch (error) {
    await unlinkIfExists(temp);
    throw error;
  }
  return temp;
}
