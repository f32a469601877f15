import { createHash } from "node:crypto";
import { readJsonIfExists, writeJsonAtomic } from "../shared/atomic-json";
import type { InitialiserConfig } from "./config";

export const MARKER_FILE = ".pi-init.json";
export const INITIALISER_VERSION = "1.0.0";

/** Written last by a successful run; a later run whose seed and layout hashes match has nothing to do. */
export interface Marker {
  readonly tool: "pi-efs-initialiser";
  readonly version: string;
  readonly seedHash: string;
  /** Directories, modes and owner: changing them (e.g. adding a directory) must make the next run do work. */
  readonly layoutHash: string;
  readonly completedAt: string;
  readonly counts: { readonly created: number; readonly copied: number; readonly skipped: number; readonly archived: number };
}

export function layoutHash(config: InitialiserConfig): string {
  const layout = { directories: config.directories, owner: config.owner, fileMode: config.fileMode };
  return createHash("sha256").update(JSON.stringify(layout)).digest("hex");
}

export async function readMarker(path: string): Promise<Marker | undefined> {
  return (await readJsonIfExists(path)) as Marker | undefined;
}

export function markerMatches(marker: Marker | undefined, seedHash: string, layout: string): boolean {
  return marker?.seedHash === seedHash && marker.layoutHash === layout;
}

export async function writeMarker(path: string, marker: Marker): Promise<void> {
  await writeJsonAtomic(path, marker);
}
