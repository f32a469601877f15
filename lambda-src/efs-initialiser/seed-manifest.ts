import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The build's record of the seed packed into the zip under `seed/`. */
export interface SeedManifest {
  /** Depends on file paths and contents only (never mtimes): the Terraform trigger for re-running the initialiser. */
  readonly hash: string;
  /** Sorted by path. */
  readonly files: readonly SeedFile[];
}

export interface SeedFile {
  /** Posix path relative to the seed folder, e.g. "themes/piBerry/style.css". */
  readonly path: string;
  /** Size at build time: the copy reads exactly this much and fails on a truncated package. */
  readonly bytes: number;
}

export interface Seed {
  readonly dir: string;
  readonly manifest: SeedManifest;
}

export const SEED_MANIFEST_FILE = "seed-manifest.json";
export const SEED_DIR = "seed";

/** Combines per-file content hashes into the seed hash. Shared by the build and by "no seed at all". */
export function seedHash(files: readonly { readonly path: string; readonly sha256: string }[]): string {
  const hash = createHash("sha256").update("pi-seed-v1\n");
  for (const file of files) hash.update(`${file.path}\0${file.sha256}\n`);
  return hash.digest("hex");
}

export const EMPTY_SEED_MANIFEST: SeedManifest = { hash: seedHash([]), files: [] };

/** The seed next to the bundled handler (`/var/task` in Lambda), or an empty one when the zip has none. */
export function loadBundledSeed(bundleDir: string): Seed {
  const manifestPath = join(bundleDir, SEED_MANIFEST_FILE);
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as SeedManifest) : EMPTY_SEED_MANIFEST;
  return { dir: join(bundleDir, SEED_DIR), manifest };
}
