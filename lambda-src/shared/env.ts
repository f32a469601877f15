import type { Owner } from "./ownership";

/** Environment variables shared by both handlers. */
export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_MOUNT_PATH = "/mnt/efs";

export function mountPathFromEnv(env: Env): string {
  const value = env.PI_EFS_MOUNT_PATH ?? DEFAULT_MOUNT_PATH;
  if (!value.startsWith("/")) throw new Error(`PI_EFS_MOUNT_PATH must be an absolute path, got "${value}"`);
  return value;
}

/** Comma-separated list; blanks are dropped so "a, b," reads as ["a", "b"]. */
export function listFromEnv(env: Env, name: string, fallback: string): readonly string[] {
  return (env[name] ?? fallback)
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

export function octalMode(text: string, what: string): number {
  if (!/^0?[0-7]{3}$/.test(text)) throw new Error(`${what} must be an octal mode such as 0755, got "${text}"`);
  return Number.parseInt(text, 8);
}

function numericId(env: Env, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) {
    throw new Error(`${name} must be a numeric id, got "${text}"`);
  }
  return Number(text);
}

/** PI_EFS_UID / PI_EFS_GID: both or neither. */
export function ownerFromEnv(env: Env): Owner | undefined {
  const uid = numericId(env, "PI_EFS_UID");
  const gid = numericId(env, "PI_EFS_GID");
  if (uid === undefined && gid === undefined) return undefined;
  if (uid === undefined || gid === undefined) throw new Error("set both PI_EFS_UID and PI_EFS_GID, or neither");
  return { uid, gid };
}

/** A directory name directly under the mount: no separators, no dot names, nothing hidden (hidden names are ours). */
export function checkDirectoryName(name: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/.test(name)) throw new Error(`${what}: "${name}" is not a plain directory name`);
  return name;
}
