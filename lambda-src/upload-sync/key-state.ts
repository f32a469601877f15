import { createHash } from "node:crypto";
import { join } from "node:path";
import { readJsonIfExists, writeJsonAtomic } from "../shared/atomic-json";
import { compareSequencers } from "./sequencer";

/**
 * Per-key record of the newest event applied, kept on EFS so every concurrent Lambda instance sees it. It lives in a
 * hidden directory at the mount root, which no access point of the containers exposes.
 */
export const STATE_DIR = ".pi-sync-state";

export interface KeyState {
  readonly key: string;
  readonly sequencer: string;
  readonly deleted: boolean;
  readonly appliedAt: string;
}

export interface KeyStatePaths {
  readonly dir: string;
  readonly state: string;
  readonly lock: string;
}

/** Keys hash to fixed-length names (keys can be longer than a file name), fanned out over 256 directories. */
export function keyStatePaths(mountPath: string, key: string): KeyStatePaths {
  const digest = createHash("sha256").update(key).digest("hex");
  const dir = join(mountPath, STATE_DIR, digest.slice(0, 2));
  return { dir, state: join(dir, `${digest}.json`), lock: join(dir, `${digest}.lock`) };
}

/** True when an event with this sequencer, or a newer one, was already applied to the key. */
export async function isSuperseded(paths: KeyStatePaths, sequencer: string): Promise<boolean> {
  const state = (await readJsonIfExists(paths.state)) as KeyState | undefined;
  return state !== undefined && compareSequencers(state.sequencer, sequencer) >= 0;
}

export async function recordApplied(paths: KeyStatePaths, state: KeyState): Promise<void> {
  await writeJsonAtomic(paths.state, state);
}
