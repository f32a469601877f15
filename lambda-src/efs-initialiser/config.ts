import { checkDirectoryName, type Env, listFromEnv, mountPathFromEnv, octalMode, ownerFromEnv } from "../shared/env";
import type { Owner } from "../shared/ownership";

export interface DirectorySpec {
  readonly name: string;
  readonly mode: number;
}

export interface InitialiserConfig {
  /** Where the parent (root) access point is mounted. */
  readonly mountPath: string;
  readonly directories: readonly DirectorySpec[];
  /** uid/gid the containers run as; applied by chown only when running as root (see shared/ownership.ts). */
  readonly owner: Owner;
  readonly fileMode: number;
  /** A run lock older than this is treated as left by a crashed run: set it to the function timeout. */
  readonly lockStaleMs: number;
}

/** The Panintelligence EFS directories (reference §5) plus excel-data; keys holds secrets, so owner-only by default. */
export const DEFAULT_DIRECTORIES = "themes,images,files,svg,locale,custom_jdbc,keys:0700,excel-data";

/**
 * PI_EFS_MOUNT_PATH   mount of the parent access point (default /mnt/efs)
 * PI_EFS_DIRECTORIES  comma list of name[:mode] (default DEFAULT_DIRECTORIES)
 * PI_EFS_DIR_MODE     mode of directories without their own (default 0755)
 * PI_EFS_FILE_MODE    mode of seeded files (default 0644)
 * PI_EFS_UID, PI_EFS_GID  required: the containers' numeric user and group
 * PI_LOCK_STALE_SECONDS   default 900 (the Lambda maximum timeout)
 */
export function initialiserConfigFromEnv(env: Env): InitialiserConfig {
  const owner = ownerFromEnv(env);
  if (owner === undefined) throw new Error("PI_EFS_UID and PI_EFS_GID are required: the uid/gid the containers run as");
  const dirMode = octalMode(env.PI_EFS_DIR_MODE ?? "0755", "PI_EFS_DIR_MODE");
  const directories = listFromEnv(env, "PI_EFS_DIRECTORIES", DEFAULT_DIRECTORIES).map((item): DirectorySpec => {
    const [name = "", mode] = item.split(":");
    checkDirectoryName(name, "PI_EFS_DIRECTORIES");
    return { name, mode: mode === undefined ? dirMode : octalMode(mode, `PI_EFS_DIRECTORIES mode of ${name}`) };
  });
  const names = directories.map((directory) => directory.name);
  if (new Set(names).size !== names.length) throw new Error(`PI_EFS_DIRECTORIES lists a directory twice: ${names.join(",")}`);
  const staleSeconds = Number(env.PI_LOCK_STALE_SECONDS ?? "900");
  if (!Number.isInteger(staleSeconds) || staleSeconds <= 0) throw new Error("PI_LOCK_STALE_SECONDS must be a positive integer");
  return {
    mountPath: mountPathFromEnv(env),
    directories,
    owner,
    fileMode: octalMode(env.PI_EFS_FILE_MODE ?? "0644", "PI_EFS_FILE_MODE"),
    lockStaleMs: staleSeconds * 1000,
  };
}
