/**
 * Reads the config file defensively: only a regular file (a FIFO would block for ever, /dev/zero never ends), at most
 * MAX_CONFIG_BYTES (a real config is a few KiB), and never more than that read into memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";

/**
 * Largest config file accepted: 128 KiB, far beyond a large real one (the examples are 1-2 KiB; ten environments with
 * every setting spelt out stay under 30 KiB), small enough that even a file of nothing but keys (~6 000) is parsed and
 * checked in a fraction of a second.
 */
export const MAX_CONFIG_BYTES = 128 * 1024;

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

export function readConfigText(path: string, maxBytes = MAX_CONFIG_BYTES): ReadResult {
  let fd: number | undefined;
  try {
    // stat before open: opening a FIFO blocks until a writer appears.
    const kind = describeNonRegular(statSync(path));
    if (kind) return { ok: false, reason: `is ${kind}, not a regular file` };
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd); // the file opened may have been swapped since the stat
    const swapped = describeNonRegular(stats);
    if (swapped) return { ok: false, reason: `is ${swapped}, not a regular file` };
    if (stats.size > maxBytes) return { ok: false, reason: tooLarge(stats.size, maxBytes) };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length <= maxBytes; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { ok: false, reason: tooLarge(undefined, maxBytes) };
    return { ok: true, text: buffer.subarray(0, length).toString("utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, reason: "file not found" };
    if (code === "EISDIR") return { ok: false, reason: "is a directory, not a regular file" };
    if (code === "EACCES" || code === "EPERM") return { ok: false, reason: "permission denied" };
    return { ok: false, reason: code ?? (error as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function describeNonRegular(stats: import("node:fs").Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a file";
}

/** `bytes` undefined: the file grew while it was read, its size is unknown. */
function tooLarge(bytes: number | undefined, maxBytes: number): string {
  const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
  const size = bytes === undefined ? "larger than" : `${kib(bytes)}, more than`;
  return `is ${size} the ${kib(maxBytes)} a configuration file may have; is it the right file?`;
}
