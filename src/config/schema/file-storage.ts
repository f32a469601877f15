/** The shared file system's settings: EFS for the Panintelligence directories, one access point per directory. */
import { z } from "zod";

/** The days EFS offers for the move to Infrequent Access (lifecycle_policy.transition_to_ia). */
export const EFS_IA_DAYS = [1, 7, 14, 30, 60, 90, 180, 270, 365] as const;

const posixId = (what: string) =>
  z
    .number({ error: `must be a whole number (the POSIX ${what} the containers run as)` })
    .int({ error: `must be a whole number (the POSIX ${what} the containers run as)` })
    .min(0, { error: `must be between 0 and 4294967295 (a POSIX ${what})` })
    .max(4294967295, { error: `must be between 0 and 4294967295 (a POSIX ${what})` });

export const fileStorageSchema = z
  .strictObject({
    rootPath: z
      .string()
      .regex(/^(\/[A-Za-z0-9._-]+)+$/, { error: "must be an absolute path below / such as /panintelligence (no trailing slash)" })
      .default("/panintelligence")
      .describe("Parent directory on EFS of every Panintelligence directory (themes, images, keys, …)."),
    uid: posixId("user id")
      .default(1000)
      .describe("User id every access point enforces (posix_user) and gives its directory (creation_info), whatever user the " + "container runs as."),
    gid: posixId("group id").default(1000).describe("Group id every access point enforces and gives its directory."),
    directoryPermissions: z
      .string()
      .regex(/^0?[0-7]{3}$/, { error: "must be octal permissions such as 0750" })
      .default("0750")
      .describe("Permissions of each directory an access point creates (creation_info); keys/ is always 0700."),
    throughputMode: z
      .enum(["elastic", "bursting"])
      .default("elastic")
      .describe("`elastic`: pay per use, scales on demand; `bursting`: throughput grows with the amount stored."),
    transitionToIaDays: z
      .literal(EFS_IA_DAYS, { error: `must be one of the EFS lifecycle values: ${EFS_IA_DAYS.join(", ")}` })
      .default(30)
      .describe("Days without access after which a file moves to Infrequent Access; it moves back on its first access."),
  })
  .prefault({})
  .describe("Shared file system: encrypted EFS in the app subnets, reached only through its access points.");

export type FileStorageConfig = z.output<typeof fileStorageSchema>;
