/** AWS Backup settings: one vault and one daily plan covering the database and the file system. */
import { z } from "zod";

/** A six-field AWS Backup cron expression (UTC unless scheduleTimezone says otherwise). */
const backupSchedule = z.string().regex(/^cron\(\S+( \S+){5}\)$/, {
  error: "must be a six-field cron expression such as cron(0 3 * * ? *)",
});

const vaultArn = z.string().regex(/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}$/, {
  error: "must be a backup vault ARN arn:aws:backup:<region>:<account>:backup-vault:<name>",
});

export const backupSchema = z
  .strictObject({
    schedule: backupSchedule.default("cron(0 3 * * ? *)").describe("When the daily backup of the database and the file system starts (AWS Backup cron, UTC)."),
    scheduleTimezone: z
      .string()
      .regex(/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)*$/, { error: "must be an IANA time zone such as Europe/London" })
      .optional()
      .describe("Time zone of the schedule. @default UTC"),
    retentionDays: z
      .number()
      .int()
      .min(7, { error: "must be between 7 and 36500 days (keep at least a week of recovery points)" })
      .max(36500, { error: "must be between 7 and 36500 days" })
      .optional()
      .describe("Days each recovery point is kept (lifecycle delete_after). @default 35 in protect, 7 in ephemeral"),
    coldStorageAfterDays: z
      .number()
      .int()
      .min(1)
      .max(36500)
      .optional()
      .describe(
        "Move recovery points to cold storage after this many days (EFS only; RDS points stay warm). retentionDays must then " +
          "be at least 90 days more. @default never",
      ),
    vaultKey: z
      .enum(["aws-managed", "customer-managed"])
      .default("aws-managed")
      .describe("`aws-managed`: the AWS Backup default key; `customer-managed`: a KMS key of the vault's own, with rotation."),
    copyToVaultArn: vaultArn
      .optional()
      .describe("Copy every recovery point to this vault (another region or account), kept as long as the original. @default no copy"),
  })
  .prefault({})
  .describe("AWS Backup: one vault and one daily plan for the database and the file system together.");

export type BackupConfig = z.output<typeof backupSchema>;
