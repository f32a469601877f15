import { checkDirectoryName, type Env, listFromEnv, mountPathFromEnv, ownerFromEnv } from "../shared/env";
import type { Owner } from "../shared/ownership";

/** Directories operators may upload into. Not keys: bucket write access must not be able to replace the app's keys. */
export const DEFAULT_ALLOWED_PREFIXES = "images,themes,files,svg,locale,custom_jdbc";

export interface UploadSyncConfig {
  readonly mountPath: string;
  readonly allowedPrefixes: readonly string[];
  readonly owner?: Owner;
}

/**
 * PI_EFS_MOUNT_PATH         mount of the parent access point (default /mnt/efs)
 * PI_SYNC_ALLOWED_PREFIXES  comma list of top-level directories (default DEFAULT_ALLOWED_PREFIXES)
 * PI_EFS_UID, PI_EFS_GID    optional: chown target when running as root (see shared/ownership.ts)
 */
export function uploadSyncConfigFromEnv(env: Env): UploadSyncConfig {
  const allowedPrefixes = listFromEnv(env, "PI_SYNC_ALLOWED_PREFIXES", DEFAULT_ALLOWED_PREFIXES).map((name) =>
    checkDirectoryName(name, "PI_SYNC_ALLOWED_PREFIXES"),
  );
  if (allowedPrefixes.length === 0) throw new Error("PI_SYNC_ALLOWED_PREFIXES lists no directory");
  const owner = ownerFromEnv(env);
  return { mountPath: mountPathFromEnv(env), allowedPrefixes, ...(owner === undefined ? {} : { owner }) };
}
