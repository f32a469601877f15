import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { relativePathProblem } from "../shared/relative-path";
import { SEED_DIR, type SeedFile, seedHash, type SeedManifest } from "../efs-initialiser/seed-manifest";
import type { ZipEntry } from "./zip-writer";

/** The zip goes straight to Lambda (50 MB zipped, 250 MB unzipped); the seed is meant for small defaults only. */
export const DEFAULT_MAX_SEED_BYTES = 32 * 1024 * 1024;

export interface ScannedSeed {
  readonly manifest: SeedManifest;
  /** The seed files as zip entries under "seed/". */
  readonly entries: readonly ZipEntry[];
}

/**
 * Reads an operator's seed folder, laid out like the EFS root (`<seedDir>/themes/...`, `<seedDir>/locale/...`).
 * Fails on anything that could not be copied faithfully (symlinks, special files, unsafe names, loose top-level
 * files) and, before reading any content, on a folder larger than `maxBytes`.
 */
export function scanSeed(seedDir: string, maxBytes: number = DEFAULT_MAX_SEED_BYTES): ScannedSeed {
  const files: SeedFile[] = [];
  let bytes = 0;
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(seedDir, relative)).sort()) {
      const path = relative === "" ? name : `${relative}/${name}`;
      const problem = relativePathProblem(path);
      if (problem !== undefined) throw new Error(`seed ${seedDir}: "${path}": ${problem}`);
      const stats = lstatSync(join(seedDir, path));
      if (stats.isDirectory()) walk(path);
      else if (!stats.isFile()) throw new Error(`seed ${seedDir}: "${path}" is not a regular file or directory`);
      else if (relative === "") throw new Error(`seed ${seedDir}: "${path}" must be inside a directory such as themes/`);
      else {
        files.push({ path, bytes: stats.size });
        bytes += stats.size;
      }
    }
  };
  walk("");
  if (bytes > maxBytes) throw new Error(seedTooBig(seedDir, bytes, maxBytes));
  // Sorted per directory is not sorted overall ("a/b" vs "a-c"): sort the full paths so the hash is order-free.
  files.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const entries: ZipEntry[] = [];
  const hashes: { path: string; sha256: string }[] = [];
  for (const { path, bytes: size } of files) {
    const data = readFileSync(join(seedDir, path));
    if (data.length !== size) throw new Error(`seed ${seedDir}: "${path}" changed while it was being read`);
    entries.push({ name: `${SEED_DIR}/${path}`, data });
    hashes.push({ path, sha256: createHash("sha256").update(data).digest("hex") });
  }
  return { manifest: { hash: seedHash(hashes), files }, entries };
}

function seedTooBig(seedDir: string, bytes: number, maxBytes: number): string {
  const size = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
  return (
    `seed folder ${seedDir} holds ${size(bytes)} (${bytes} bytes), over the seed limit of ${size(maxBytes)} ` +
    `(maxSeedBytes = ${maxBytes}). The seed travels inside the Lambda zip and is meant for small defaults such as ` +
    `themes and locale. Upload bigger content to the upload bucket instead, as s3://<upload bucket>/<directory>/<path> ` +
    `(e.g. aws s3 cp --recursive ./images s3://<upload bucket>/images/): the upload-sync Lambda copies it onto EFS.`
  );
}
