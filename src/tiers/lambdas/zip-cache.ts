/**
 * A disk cache for the Lambda zips, keyed by everything that goes into them: the handler sources under lambda-src/,
 * the lock file (the versions of esbuild and of bundled packages such as aws4) and the function name. Bundling both
 * handlers is ~60 ms of every synth; with the cache a synth after the first only hashes ~40 small files. Seeded builds
 * are not cached (the seed is the operator's and is hashed by the build itself). A hit returns the very bytes a fresh
 * build would write.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildLambdaZip, type LambdaName, type LambdaZip } from "../../../lambda-src/build";
import { projectRoot } from "../../project-root";

export function cachedLambdaZip(name: LambdaName, outDir: string): LambdaZip {
  const root = projectRoot();
  const key = inputHash(root, name);
  const cacheDir = join(root, "node_modules", ".cache", "panintelligence-lambda", key);
  const metaPath = join(cacheDir, "zip.json");
  const target = join(outDir, `${name}.zip`);
  if (existsSync(metaPath)) {
    const cached = JSON.parse(readFileSync(metaPath, "utf8")) as LambdaZip;
    mkdirSync(outDir, { recursive: true });
    copyFileSync(join(cacheDir, `${name}.zip`), target);
    return { ...cached, zipPath: target };
  }
  const zip = buildLambdaZip({ name, outDir });
  const staging = `${cacheDir}.${process.pid}.tmp`;
  mkdirSync(staging, { recursive: true });
  copyFileSync(zip.zipPath, join(staging, `${name}.zip`));
  writeFileSync(join(staging, "zip.json"), JSON.stringify(zip));
  try {
    renameSync(staging, cacheDir); // another process may have won the race: its entry is identical
  } catch {
    /* keep theirs */
  }
  return zip;
}

function inputHash(root: string, name: string): string {
  const hash = createHash("sha256").update(name);
  const lock = join(root, "package-lock.json");
  if (existsSync(lock)) hash.update(readFileSync(lock));
  for (const file of sourceFiles(join(root, "lambda-src"))) hash.update(file).update(readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.(ts|js|json)$/.test(entry.name) ? [path] : [];
    });
}
