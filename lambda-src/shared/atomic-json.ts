import { randomBytes } from "node:crypto";
import { open, readFile, rename } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { hasErrno } from "./errno";
import { unlinkIfExists } from "./fs-util";

/** Replaces `path` with `value` as JSON: written to a temp name, fsynced, renamed, so readers see old or new, never half. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const file = await open(temp, "wx", 0o644);
  try {
    await file.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlinkIfExists(temp);
    throw error;
  }
}

/** The parsed JSON at `path`, or undefined when there is no file. Malformed JSON throws: it is ours and must not be guessed at. */
export async function readJsonIfExists(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch (error) {
    if (hasErrno(error, "ENOENT")) return undefined;
    throw error;
  }
}
