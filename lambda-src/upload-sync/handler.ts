import type { S3Event, S3EventRecord } from "aws-lambda";
import { mkdir, rename } from "node:fs/promises";
import { join } from "node:path";
import { unlinkIfExists } from "../shared/fs-util";
import { withLock } from "../shared/lock";
import { consoleLogger, type Logger } from "../shared/logger";
import { makeDirs, type NewEntryAttributes } from "../shared/make-dirs";
import { assertMounted } from "../shared/mount";
import { chownTarget, currentUid } from "../shared/ownership";
import type { UploadSyncConfig } from "./config";
import type { ObjectSource } from "./object-source";
import { isSuperseded, keyStatePaths, recordApplied } from "./key-state";
import { checkEventKey } from "./object-key";
import { isSequencer } from "./sequencer";
import { streamToTemp } from "./stream-to-temp";

export interface UploadSyncOptions extends UploadSyncConfig {
  /** Where objects are read from: in Lambda a signed GET to S3 (s3-signed-get.ts); tests point it at s3rver. */
  readonly objects: ObjectSource;
  readonly logger?: Logger;
  /** Defaults to the real uid; root chowns to `owner` (see shared/ownership.ts). */
  readonly processUid?: number;
}

export interface RecordNote {
  /** The key as it arrived in the event (still encoded). */
  readonly key: string;
  readonly reason: string;
}

export interface UploadSyncSummary {
  readonly written: number;
  readonly deleted: number;
  /** Well-formed records that needed no change: stale or duplicate events, objects already gone. */
  readonly skipped: readonly RecordNote[];
  /** Records refused outright: unsafe or unknown keys, unsupported events. Logged, never retried. */
  readonly rejected: readonly RecordNote[];
}

type Outcome = "written" | "deleted" | { readonly skipped: string } | { readonly rejected: string };

const FILE_MODE = 0o644;
const DIR_MODE = 0o755;
// The per-key lock covers only compare + rename + state write (milliseconds); downloads happen outside it.
const KEY_LOCK = { staleMs: 60_000, waitMs: 30_000 } as const;

/**
 * Mirrors S3 uploads and deletes onto EFS. Unsafe keys are logged and skipped, so one hostile key cannot poison the
 * batch; I/O and S3 failures throw (after the other records ran) so that Lambda retries and then the DLQ gets the event.
 */
export function createHandler(options: UploadSyncOptions): (event: S3Event) => Promise<UploadSyncSummary> {
  const logger = options.logger ?? consoleLogger;
  const allowed = new Set(options.allowedPrefixes);
  const chownTo = chownTarget(options.owner, options.processUid ?? currentUid());
  const files: NewEntryAttributes = { mode: FILE_MODE, chownTo };
  const dirs: NewEntryAttributes = { mode: DIR_MODE, chownTo };

  async function syncRecord(record: S3EventRecord): Promise<Outcome> {
    const check = checkEventKey(record.s3.object.key, allowed);
    if (!check.ok) return { rejected: check.reason };
    const sequencer = record.s3.object.sequencer;
    if (!isSequencer(sequencer)) return { rejected: "missing or malformed sequencer" };
    const removal = record.eventName.startsWith("ObjectRemoved:") || record.eventName.startsWith("LifecycleExpiration:");
    if (!removal && !record.eventName.startsWith("ObjectCreated:")) return { rejected: `unsupported event ${record.eventName}` };

    await assertMounted(options.mountPath);
    const target = join(options.mountPath, ...check.segments);
    const paths = keyStatePaths(options.mountPath, check.key);
    // Cheap early exit before any download; the decisive comparison happens again under the lock.
    if (await isSuperseded(paths, sequencer)) return { skipped: "an event as new or newer was already applied" };
    await mkdir(paths.dir, { recursive: true, mode: 0o700 });
    const apply = async (change: () => Promise<void>, deleted: boolean): Promise<Outcome | undefined> =>
      withLock({ path: paths.lock, ...KEY_LOCK }, async () => {
        if (await isSuperseded(paths, sequencer)) return { skipped: "a newer event was applied meanwhile" };
        await change();
        await recordApplied(paths, { key: check.key, sequencer, deleted, appliedAt: new Date().toISOString() });
        return undefined;
      });

    if (removal) return (await apply(() => unlinkIfExists(target), true)) ?? "deleted";

    await makeDirs(options.mountPath, check.segments.slice(0, -1), dirs);
    const temp = await download(record.s3.bucket.name, check.key, join(options.mountPath, ...check.segments.slice(0, -1)));
    if (temp === undefined) return { skipped: "object no longer exists; its delete event follows" };
    try {
      return (await apply(() => rename(temp, target), false)) ?? "written";
    } finally {
      await unlinkIfExists(temp);
    }
  }

  async function download(bucket: string, key: string, dir: string): Promise<string | undefined> {
    const body = await options.objects.getObject(bucket, key);
    return body === undefined ? undefined : streamToTemp(body, dir, files);
  }

  return async (event) => {
    const summary = { written: 0, deleted: 0, skipped: [] as RecordNote[], rejected: [] as RecordNote[] };
    const failures: Error[] = [];
    for (const record of event.Records ?? []) {
      const key = record.s3?.object?.key ?? "";
      try {
        const outcome = await syncRecord(record);
        if (outcome === "written" || outcome === "deleted") {
          summary[outcome] += 1;
          logger.info(outcome, { key, sequencer: record.s3.object.sequencer });
        } else if ("rejected" in outcome) {
          summary.rejected.push({ key, reason: outcome.rejected });
          logger.warn("rejected", { key, reason: outcome.rejected, event: record.eventName });
        } else {
          summary.skipped.push({ key, reason: outcome.skipped });
          logger.info("skipped", { key, reason: outcome.skipped });
        }
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        failures.push(failure);
        logger.error("failed", { key, error: failure.message });
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `${failures.length} record(s) failed: ${failures.map((f) => f.message).join("; ")}`);
    }
    return summary;
  };
}
