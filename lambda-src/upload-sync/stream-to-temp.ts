import { randomBytes } from "node:crypto";
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { unlinkIfExists } from "../shared/fs-util";
import type { NewEntryAttributes } from "../shared/make-dirs";

/**
 * Streams `body` into a new hidden temp file in `dir` and fsyncs it; returns its path. Memory stays flat whatever the
 * object size (pipeline applies back-pressure). The temp file sits beside its target, so the rename that publishes it
 * never crosses a filesystem. On failure the temp file is removed and the error rethrown.
 */
export async function streamToTemp(body: Readable, dir: string, attributes: NewEntryAttributes): Promise<string> {
  const temp = join(dir, `.pi-sync-${randomBytes(8).toString("hex")}.tmp`);
  const file = await open(temp, "wx", attributes.mode);
  try {
    await pipeline(body, file.createWriteStream({ autoClose: false, highWaterMark: 1024 * 1024 }));
    await file.chmod(attributes.mode);
    if (attributes.chownTo !== undefined) await file.chown(attributes.chownTo.uid, attributes.chownTo.gid);
    await file.sync();
  } catch (error) {
    await file.close();
    await unlinkIfExists(temp);
    throw error;
  }
  await file.close();
  return temp;
}
