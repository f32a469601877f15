/** Numeric owner of everything the Lambdas create on EFS. */
export interface Owner {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Whom to chown new files and directories to, or undefined to leave them as created.
 *
 * Through an EFS access point the NFS server stamps every new inode with the access point's POSIX user, whatever the
 * process runs as, and a non-root process may not chown anyway: nothing to do. A root process (no access point, local
 * runs, tests) would leave root-owned files that the non-root containers cannot write, so it chowns to the owner.
 */
export function chownTarget(owner: Owner | undefined, processUid: number): Owner | undefined {
  return owner !== undefined && processUid === 0 ? owner : undefined;
}

/** The current process uid, or -1 where the platform has none (never root, so never chowns). */
export function currentUid(): number {
  return process.getuid?.() ?? -1;
}
