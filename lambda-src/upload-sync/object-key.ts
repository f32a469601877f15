import { relativePathProblem } from "../shared/relative-path";

export type KeyCheck = { readonly ok: true; readonly key: string; readonly segments: readonly string[] } | { readonly ok: false; readonly reason: string };

const MAX_KEY_BYTES = 1024; // S3's own key limit: anything longer cannot be a real key.

/**
 * Turns the key of an S3 event record (form-encoded: "+" is a space, then percent-encoding) into a relative path that
 * stays inside one of the allowed top-level directories, or says why it can't. Decoding comes first, so encoded
 * traversal such as "images/%2e%2e%2fkeys" is judged as the "images/../keys" it really is.
 */
export function checkEventKey(encodedKey: string, allowedPrefixes: ReadonlySet<string>): KeyCheck {
  let key: string;
  try {
    key = decodeURIComponent(encodedKey.replace(/\+/g, " "));
  } catch {
    return { ok: false, reason: "malformed percent-encoding" };
  }
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return { ok: false, reason: `key longer than ${MAX_KEY_BYTES} bytes` };
  const problem = relativePathProblem(key);
  if (problem !== undefined) return { ok: false, reason: problem };
  const segments = key.split("/");
  const prefix = segments[0] ?? "";
  if (!allowedPrefixes.has(prefix)) return { ok: false, reason: `prefix "${prefix}" is not an allowed directory` };
  if (segments.length < 2) return { ok: false, reason: "no file below the directory" };
  // Our own temp files in the served directories are named .pi-*; an upload must not collide with one.
  if (segments.some((segment) => segment.startsWith(".pi-"))) return { ok: false, reason: 'reserved ".pi-" name' };
  return { ok: true, key, segments };
}
