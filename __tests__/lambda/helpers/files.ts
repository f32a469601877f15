import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes `files` (relative posix path → content) below `root`. */
export function writeTree(root: string, files: Readonly<Record<string, string | Buffer>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Every entry below `root` (relative posix paths, directories with a trailing "/"), sorted; never follows symlinks. */
export function walk(root: string, relative = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, relative)).sort()) {
    const path = relative === "" ? name : `${relative}/${name}`;
    if (lstatSync(join(root, path)).isDirectory()) out.push(`${path}/`, ...walk(root, path));
    else out.push(path);
  }
  return out;
}

export function read(root: string, path: string): string {
  return readFileSync(join(root, path), "utf8");
}
