/** The initialiser's seed folder must exist and stay small: it is packed into the function's zip. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_MAX_SEED_BYTES } from "../../lambda-src/build";
import type { ConfigIssue } from "./issues";
import type { EnvironmentConfig } from "./schema/resolve";

export function checkSeedDir(env: EnvironmentConfig): ConfigIssue[] {
  const seedDir = env.initialiser.seedDir;
  if (seedDir === undefined) return [];
  const path = "initialiser.seedDir";
  let bytes: number;
  try {
    if (!statSync(seedDir).isDirectory()) return [{ path, message: "must be a directory (laid out like the EFS parent: themes/, locale/, …)", value: seedDir }];
    bytes = folderBytes(seedDir);
  } catch {
    return [{ path, message: "does not exist (it is resolved against the config file's directory)", value: seedDir }];
  }
  if (bytes <= DEFAULT_MAX_SEED_BYTES) return [];
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return [
    {
      path,
      message:
        `holds ${mib(bytes)}, more than the ${mib(DEFAULT_MAX_SEED_BYTES)} a function package can carry; keep small defaults ` +
        "here and upload big content to the upload bucket (aws s3 cp --recursive <dir> s3://<upload bucket>/<directory>/)",
      value: seedDir,
    },
  ];
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(path) : entry.isFile() ? statSync(path).size : 0);
  }, 0);
}
