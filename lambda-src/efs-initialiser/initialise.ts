import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { withLock } from "../shared/lock";
import { consoleLogger, type Logger } from "../shared/logger";
import { makeDir, type NewEntryAttributes } from "../shared/make-dirs";
import { assertMounted } from "../shared/mount";
import { chownTarget, currentUid } from "../shared/ownership";
import { relativePathProblem } from "../shared/relative-path";
import { archiveContents } from "./archive";
import type { InitialiserConfig } from "./config";
import type { CopyChunkHook } from "./copy-if-absent";
import type { InitialiserRequest } from "./event";
import { INITIALISER_VERSION, layoutHash, MARKER_FILE, markerMatches, readMarker, writeMarker } from "./marker";
import { copySeed } from "./seed-copy";
import type { Seed } from "./seed-manifest";

export const LOCK_FILE = ".pi-init.lock";
export const STAGING_DIR = ".pi-init.tmp";

export interface InitialiseOptions {
  readonly config: InitialiserConfig;
  readonly seed: Seed;
  readonly request?: InitialiserRequest;
  /** How long to wait for a concurrent run to finish; the handler derives it from the remaining Lambda time. */
  readonly lockWaitMs?: number;
  readonly logger?: Logger;
  /** Defaults to the real uid; root chowns to config.owner (see shared/ownership.ts). */
  readonly processUid?: number;
  readonly now?: () => Date;
  readonly onCopyChunk?: CopyChunkHook;
}

/** The invocation result, which Terraform exposes as an output (jsondecode of aws_lambda_invocation.result). */
export interface InitialiseSummary {
  /** True when the marker already matched (or on a Terraform delete): nothing was touched. */
  readonly noop: boolean;
  /** Directories created (top-level and inside the seed). */
  readonly created: number;
  /** Seed files copied because their target was absent. */
  readonly copied: number;
  /** Seed files left alone because something is already at their target. */
  readonly skipped: number;
  /** Entries moved aside by a reseed, and where to (relative to the mount). */
  readonly archived: number;
  readonly archiveDir?: string;
  readonly seedHash: string;
  readonly elapsedMs: number;
}

/**
 * Creates the missing Panintelligence directories and copies absent seed files; never deletes or overwrites.
 * Safe to re-run, to run concurrently (a lock serialises runs) and to resume after a crash. Throws on any failure
 * so that the Terraform apply fails with the reason.
 */
export async function initialise(options: InitialiseOptions): Promise<InitialiseSummary> {
  const started = performance.now();
  const { config, seed } = options;
  const request = options.request ?? { skip: false, reseed: "none" };
  const logger = options.logger ?? consoleLogger;
  const summary = (counts: Omit<InitialiseSummary, "seedHash" | "elapsedMs">): InitialiseSummary => ({
    ...counts,
    seedHash: seed.manifest.hash,
    elapsedMs: Math.round(performance.now() - started),
  });
  const noop = (): InitialiseSummary => summary({ noop: true, created: 0, copied: 0, skipped: 0, archived: 0 });
  if (request.skip) return noop();

  const reseedDirs = checkRequest(config, seed, request);
  await assertMounted(config.mountPath);
  const layout = layoutHash(config);
  const markerPath = join(config.mountPath, MARKER_FILE);
  const upToDate = async (): Promise<boolean> => reseedDirs.length === 0 && markerMatches(await readMarker(markerPath), seed.manifest.hash, layout);
  if (await upToDate()) return noop();

  const lock = { path: join(config.mountPath, LOCK_FILE), staleMs: config.lockStaleMs, waitMs: options.lockWaitMs ?? 60_000 };
  return withLock(lock, async () => {
    // A concurrent run may have finished the job while this one waited for the lock.
    if (await upToDate()) return noop();

    const chownTo = chownTarget(config.owner, options.processUid ?? currentUid());
    logger.info("initialising", { mountPath: config.mountPath, chownTo: chownTo ?? "left to the access point", reseed: reseedDirs });
    const stagingDir = join(config.mountPath, STAGING_DIR);
    // Only temp files of crashed runs can be in here: none was ever linked to a final name.
    await rm(stagingDir, { recursive: true, force: true });
    await mkdir(stagingDir, { mode: 0o700 });

    const dirAttributes = new Map<string, NewEntryAttributes>(config.directories.map((directory) => [directory.name, { mode: directory.mode, chownTo }]));
    let created = 0;
    for (const [name, attributes] of dirAttributes) {
      if (await makeDir(join(config.mountPath, name), attributes)) created += 1;
    }
    const archive = reseedDirs.length > 0 ? await archiveContents(config.mountPath, reseedDirs, options.now?.() ?? new Date()) : undefined;
    const copy = await copySeed({
      seed,
      mountPath: config.mountPath,
      stagingDir,
      files: { mode: config.fileMode, chownTo },
      dirs: dirAttributes,
      onChunk: options.onCopyChunk,
    });
    await rm(stagingDir, { recursive: true, force: true });

    const counts = { created: created + copy.createdDirs, copied: copy.copied, skipped: copy.skipped, archived: archive?.moved ?? 0 };
    await writeMarker(markerPath, {
      tool: "pi-efs-initialiser",
      version: INITIALISER_VERSION,
      seedHash: seed.manifest.hash,
      layoutHash: layout,
      completedAt: new Date().toISOString(),
      counts,
    });
    return summary({ noop: false, ...counts, ...(archive === undefined ? {} : { archiveDir: archive.archiveDir }) });
  });
}

/** Rejects a seed or reseed request that does not fit the configured directories; returns the directories to reseed. */
function checkRequest(config: InitialiserConfig, seed: Seed, request: InitialiserRequest): readonly string[] {
  const configured = new Set(config.directories.map((directory) => directory.name));
  const seeded = new Set<string>();
  for (const { path: file } of seed.manifest.files) {
    const problem = relativePathProblem(file);
    const top = file.split("/")[0] ?? "";
    if (problem !== undefined || !file.includes("/")) throw new Error(`seed file "${file}": ${problem ?? "not inside a directory"}`);
    if (!configured.has(top)) {
      throw new Error(`seed file "${file}" is in "${top}", which is not in PI_EFS_DIRECTORIES (${[...configured].join(",")})`);
    }
    seeded.add(top);
  }
  if (request.reseed === "none") return [];
  const dirs = request.reseed === "seeded" ? [...seeded] : request.reseed;
  const unknown = dirs.filter((dir) => !configured.has(dir));
  if (unknown.length > 0) throw new Error(`reseed: unknown directory ${unknown.join(", ")}`);
  if (dirs.length === 0) throw new Error("reseed: the seed is empty, so there is nothing to reseed");
  return dirs;
}
