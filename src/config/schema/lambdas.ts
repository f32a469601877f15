/** The two Lambdas: the run-once EFS initialiser and the S3-upload → EFS sync. */
import { z } from "zod";

/**
 * Directories operators may upload into. Not `keys`: bucket write access must never replace the app's keys. Not
 * `excel-data`: nothing reads it. No vendor AWS deployment runs the excel reader, and its container path for the data
 * and the dashboard's variable for its URL are documented nowhere (reference §1, §3.2); the vendor's EC2 layout links
 * `excel`, not `excel-data`. An upload there would land where no service looks.
 */
export const UPLOADABLE_DIRECTORIES = ["images", "themes", "files", "svg", "locale", "custom_jdbc"] as const;

const timeoutSeconds = (fallback: number) =>
  z.number().int().min(30, { error: "must be at least 30 seconds" }).max(900, { error: "must be at most 900 seconds (the Lambda maximum)" }).default(fallback);

const memoryMb = (fallback: number) =>
  z.number().int().min(128, { error: "must be 128-10240 MB" }).max(10240, { error: "must be 128-10240 MB" }).default(fallback);

export const initialiserSchema = z
  .strictObject({
    seedDir: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Folder laid out like the EFS parent directory (themes/, locale/, …), relative to the config file: its files are " +
          "copied where absent, never over existing ones. Packed into the function (≤ 32 MiB); upload big content " +
          "through the upload bucket instead. @default no seed",
      ),
    timeoutSeconds: timeoutSeconds(300).describe("Function timeout; also the age after which a run lock counts as stale."),
    memoryMb: memoryMb(512).describe("Function memory."),
  })
  .prefault({})
  .describe("Run-once EFS initialiser: creates the Panintelligence directories and seeds absent files, then records a marker.");

export const uploadsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Create the upload bucket and the function that mirrors it onto EFS."),
    allowedPrefixes: z
      .array(
        z.enum(UPLOADABLE_DIRECTORIES, {
          error: (issue) =>
            issue.input === "excel-data"
              ? "excel-data is no longer an upload prefix: nothing reads it (no excel reader runs, and its data path is undocumented); remove it"
              : issue.input === "keys"
                ? "keys is never an upload prefix: write access to the bucket must not replace the dashboard's keys"
                : `must be one of ${UPLOADABLE_DIRECTORIES.join(", ")}`,
        }),
      )
      .min(1, { error: "needs at least one directory" })
      .default([...UPLOADABLE_DIRECTORIES])
      .describe("Top-level key prefixes that are mirrored onto the EFS directory of the same name."),
    noncurrentVersionDays: z.number().int().min(1).max(3650).default(30).describe("Days an overwritten or deleted upload is kept as a noncurrent version."),
    timeoutSeconds: timeoutSeconds(300).describe("Function timeout (large objects stream at disk speed)."),
    memoryMb: memoryMb(256).describe("Function memory (streaming: memory does not grow with object size)."),
  })
  .prefault({})
  .describe("Upload bucket: objects under the allowed prefixes are copied onto EFS, deletions mirrored.");

export type InitialiserConfig = z.output<typeof initialiserSchema>;
export type UploadsConfig = z.output<typeof uploadsSchema>;
