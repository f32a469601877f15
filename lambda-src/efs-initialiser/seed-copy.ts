import { dirname, join } from "node:path";
import type { NewEntryAttributes } from "../shared/make-dirs";
import { makeDir } from "../shared/make-dirs";
import { copyIfAbsent, type CopyChunkHook } from "./copy-if-absent";
import type { Seed } from "./seed-manifest";

export interface SeedCopyResult {
  readonly copied: number;
  readonly skipped: number;
  readonly createdDirs: number;
}

export interface SeedCopyOptions {
  readonly seed: Seed;
  readonly mountPath: string;
  readonly stagingDir: string;
  readonly files: NewEntryAttributes;
  /** Attributes of directories created inside a top-level directory, keyed by that top-level name. */
  readonly dirs: ReadonlyMap<string, NewEntryAttributes>;
  readonly onChunk?: CopyChunkHook;
}

// EFS latency is per operation, so overlapping many small-file copies is what makes a big seed fast.
const CONCURRENCY = 16;

/** Copies every seed file whose target is absent, creating the directories between. Top-level directories must exist. */
export async function copySeed(options: SeedCopyOptions): Promise<SeedCopyResult> {
  const dirsReady = new Map<string, Promise<boolean>>();
  let copied = 0;
  let skipped = 0;
  const ensureDir = (relative: string): Promise<boolean> => {
    let pending = dirsReady.get(relative);
    if (pending === undefined) {
      const parent = dirname(relative);
      const attributes = options.dirs.get(relative.split("/")[0] ?? "");
      if (attributes === undefined) throw new Error(`seed path ${relative} is outside the configured directories`);
      pending = parent === "." ? Promise.resolve(false) : ensureDir(parent).then(() => makeDir(join(options.mountPath, relative), attributes));
      dirsReady.set(relative, pending);
    }
    return pending;
  };

  const files = options.seed.manifest.files;
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  // Workers stop at the first failure, and all have stopped before it is thrown: nothing runs on after the lock goes.
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < files.length) {
      const file = files[next++];
      if (file === undefined) break;
      try {
        await ensureDir(dirname(file.path));
        const outcome = await copyIfAbsent(
          { path: join(options.seed.dir, file.path), bytes: file.bytes },
          join(options.mountPath, file.path),
          options.stagingDir,
          options.files,
          options.onChunk,
        );
        if (outcome === "copied") copied += 1;
        else skipped += 1;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failure !== undefined) throw failure.error;

  let createdDirs = 0;
  for (const created of await Promise.all(dirsReady.values())) if (created) createdDirs += 1;
  return { copied, skipped, createdDirs };
}
