import type { InitialiserConfig } from "../../../lambda-src/efs-initialiser/config";
import { initialiserConfigFromEnv } from "../../../lambda-src/efs-initialiser/config";
import type { Seed } from "../../../lambda-src/efs-initialiser/seed-manifest";
import { initialise, type InitialiseOptions, type InitialiseSummary } from "../../../lambda-src/efs-initialiser/initialise";
import { scanSeed } from "../../../lambda-src/packaging/seed-scan";
import { writeTree } from "./files";
import { captureLogger } from "./logger";
import { tempDir } from "./temp-dir";

export const TEST_UID = 4242;
export const TEST_GID = 4343;

export function testConfig(mountPath: string, env: Readonly<Record<string, string>> = {}): InitialiserConfig {
  return initialiserConfigFromEnv({ PI_EFS_MOUNT_PATH: mountPath, PI_EFS_UID: `${TEST_UID}`, PI_EFS_GID: `${TEST_GID}`, ...env });
}

/** A seed folder on disk with the given files, scanned the way the build scans it. */
export function makeSeed(files: Readonly<Record<string, string | Buffer>>, dir = tempDir("pi-seed-")): Seed {
  writeTree(dir, files);
  return { dir, manifest: scanSeed(dir).manifest };
}

export const DEFAULT_DIRS = ["custom_jdbc", "excel-data", "files", "images", "keys", "locale", "svg", "themes"] as const;

/** initialise() with its log lines captured instead of printed. */
export function init(options: InitialiseOptions): Promise<InitialiseSummary> {
  return initialise({ logger: captureLogger(), ...options });
}
