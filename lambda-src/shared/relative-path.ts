/**
 * Why `path` is not a safe relative posix path below a directory, or undefined when it is. Safe means: it cannot
 * name anything outside (no absolute path, no "." or ".." segment, no backslash that some tool might read as a
 * separator) and every segment is a valid file name (non-empty, no control character, at most 255 bytes, NAME_MAX).
 */
export function relativePathProblem(path: string): string | undefined {
  if (path === "") return "empty path";
  // Control characters (NUL above all) truncate or split names in C APIs and logs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(path)) return "control character (e.g. NUL) in path";
  if (path.includes("\\")) return "backslash in path";
  if (path.startsWith("/")) return "absolute path";
  for (const segment of path.split("/")) {
    if (segment === "") return path.endsWith("/") ? "trailing slash (folder placeholder)" : "empty path segment";
    if (segment === "." || segment === "..") return `"${segment}" segment`;
    if (Buffer.byteLength(segment) > 255) return "path segment longer than 255 bytes";
  }
  return undefined;
}
