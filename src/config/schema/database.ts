/** The repository database's settings: RDS for MariaDB, its credentials, backups and logs. */
import { z } from "zod";

/** Major versions of RDS for MariaDB this generator knows (each has its own parameter-group family). */
export const MARIADB_MAJOR_VERSIONS = ["10.5", "10.6", "10.11", "11.4", "11.8"] as const;

/** Master user names AWS or MariaDB reserve, or that every scanner flags (PI-RDS-009). */
export const RESERVED_DB_USERNAMES = ["admin", "root", "mariadb", "rdsadmin", "rdsrepladmin", "mysql"] as const;

/** MariaDB Audit Plugin event classes (option setting SERVER_AUDIT_EVENTS). */
export const AUDIT_EVENTS = ["CONNECT", "QUERY", "TABLE", "QUERY_DDL", "QUERY_DML", "QUERY_DCL", "QUERY_DML_NO_SELECT"] as const;

/** The major version of an engine version ("10.11.9" → "10.11"); undefined when it is not a version string. */
export function mariadbMajorVersion(engineVersion: string): string | undefined {
  return /^(\d+\.\d+)(\.\d+)?$/.exec(engineVersion)?.[1];
}

/** The parameter-group family of an engine version ("10.11.9" → "mariadb10.11"). */
export function parameterGroupFamilyFor(engineVersion: string): string | undefined {
  const major = mariadbMajorVersion(engineVersion);
  return major ? `mariadb${major}` : undefined;
}

const engineVersion = z
  .string()
  .regex(/^\d+\.\d+(\.\d+)?$/, { error: "must be a MariaDB version such as 10.11 or 10.11.9" })
  .refine((v) => (MARIADB_MAJOR_VERSIONS as readonly string[]).includes(mariadbMajorVersion(v) ?? ""), {
    error: `must be a version of an RDS for MariaDB major release: ${MARIADB_MAJOR_VERSIONS.join(", ")}`,
  });

const instanceClass = z.string().regex(/^db\.[a-z][a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|\d+xlarge|metal(-\d+xl)?)$/, {
  error: "must be an RDS instance class such as db.t4g.small, db.m7g.large or db.r6g.2xlarge",
});

const masterUsername = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, {
    error: "must be 1-16 characters: a letter, then letters, digits or '_'",
  })
  .refine((name) => !(RESERVED_DB_USERNAMES as readonly string[]).includes(name.toLowerCase()), {
    error: `must not be a well-known or reserved name (${RESERVED_DB_USERNAMES.join(", ")}); pick your own, e.g. pi_admin`,
  });

/**
 * DB snapshot to restore from: a manual snapshot name, an automated one (`rds:…`), an AWS Backup recovery point
 * (`awsbackup:job-…`), or the snapshot's ARN (needed for a snapshot shared from another account).
 */
const SNAPSHOT_NAME = "(?:rds:|awsbackup:)?[A-Za-z][A-Za-z0-9-]{0,254}";
export const SNAPSHOT_IDENTIFIER = new RegExp(`^(?:arn:aws[a-z-]*:rds:[a-z0-9-]+:\\d{12}:snapshot:)?${SNAPSHOT_NAME}$`);
const snapshotIdentifier = z
  .string()
  .regex(SNAPSHOT_IDENTIFIER, {
    error:
      "must be a DB snapshot identifier (a letter, then letters, digits and hyphens; rds:… or awsbackup:job-… for automated " +
      "or AWS Backup snapshots) or a snapshot ARN arn:aws:rds:<region>:<account>:snapshot:<name>",
  })
  .refine((id) => !id.includes("--") && !id.endsWith("-"), { error: "must not contain '--' or end with '-'" });

/** `hh:mm-hh:mm` (UTC), the daily automated-backup window. */
const backupWindow = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
  error: "must be a daily UTC window hh:mm-hh:mm such as 03:00-04:00",
});

/** `ddd:hh:mm-ddd:hh:mm` (UTC), the weekly maintenance window. */
const maintenanceWindow = z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/, {
  error: "must be a weekly UTC window ddd:hh:mm-ddd:hh:mm such as sun:04:30-sun:05:30",
});

/** Once a year, at night (UTC), on a fixed date: a cron() schedule replaces RDS's 7-day one without a stray rotation. */
export const DEFAULT_ROTATION_SCHEDULE = "cron(0 3 15 1 ? *)";

/** Secrets Manager rotation schedule: rate(N days) with N 1-1000, rate(N hours) with N 4-23, or a 6-field cron(). */
const rotationSchedule = z.string().refine(
  (value) => {
    const rate = /^rate\((\d+) (hours?|days?)\)$/.exec(value);
    if (rate) {
      const n = Number(rate[1]);
      return rate[2].startsWith("hour") ? n >= 4 && n <= 23 : n >= 1 && n <= 1000;
    }
    return /^cron\(\S+( \S+){5}\)$/.test(value);
  },
  { error: "must be rate(N days) with N 1-1000, rate(N hours) with N 4-23, or a six-field cron(...) expression (UTC)" },
);

export const databaseSchema = z
  .strictObject({
    engineVersion: engineVersion
      .default("10.11")
      .describe(
        "RDS for MariaDB engine version. Give the major version (10.11) to take every minor upgrade; a pinned minor " +
          "(10.11.9) must be raised whenever RDS upgrades the instance, or Terraform plans a downgrade.",
      ),
    parameterGroupFamily: z
      .string()
      .regex(/^mariadb\d+\.\d+$/, { error: "must be a MariaDB parameter-group family such as mariadb10.11" })
      .optional()
      .describe("Parameter-group family; it must match engineVersion (a mismatch is a config error). " + "@default mariadb<major version of engineVersion>"),
    instanceClass: instanceClass.default("db.t4g.small").describe("RDS instance class."),
    allocatedStorageGib: z
      .number()
      .int()
      .min(20, { error: "must be at least 20 (GiB, the gp3 minimum)" })
      .max(65536)
      .default(20)
      .describe("Initial gp3 storage in GiB."),
    maxAllocatedStorageGib: z
      .number()
      .int()
      .min(22)
      .max(65536)
      .default(100)
      .describe("Storage autoscaling ceiling in GiB; at least 10% above allocatedStorageGib."),
    multiAz: z.boolean().optional().describe("Keep a synchronous standby in a second zone (automatic failover). @default true in protect, false in ephemeral"),
    schemaName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: "must be 1-64 characters: a letter, then letters, digits or '_'" })
      .default("dashboard")
      .describe("Schema the dashboard uses (PI_DB_SCHEMA_NAME); created with the instance."),
    masterUsername: masterUsername
      .default("pi_admin")
      .describe(
        "Master user name. The password is generated and kept by RDS in Secrets Manager (manage_master_user_password); " +
          "it never appears in the Terraform JSON or state.",
      ),
    passwordRotation: z
      .strictObject({
        schedule: rotationSchedule
          .default(DEFAULT_ROTATION_SCHEDULE)
          .describe(
            "When Secrets Manager rotates the RDS-managed master password (RDS's own default: every 7 days). The dashboard " +
              "reads the password once at start, so a rotation breaks new database connections until the services restart: " +
              "the default is once a year, 15 January from 03:00 UTC, until the compute tier redeploys on rotation. Prefer " +
              "cron(): after a change, a rate() schedule may still run the rotation the old schedule had planned.",
          ),
        window: z
          .string()
          .regex(/^([1-9]|1\d|2[0-4])h$/, { error: "must be a window length in hours such as 3h (1h-24h)" })
          .default("3h")
          .describe("Length of the rotation window from the scheduled start; it must end the same UTC day."),
      })
      .prefault({})
      .describe("Rotation of the RDS-managed master password."),
    requireSecureTransport: z
      .boolean()
      .default(false)
      .describe(
        "Set require_secure_transport=ON: the server refuses connections without TLS. Off by default because the " +
          "Panintelligence JDBC TLS settings are undocumented; turn it on only after the dashboard and scheduler connect with TLS " +
          "(README, 'TLS to the database').",
      ),
    auditEvents: z
      .array(z.enum(AUDIT_EVENTS))
      .min(1)
      .default(["CONNECT", "QUERY_DDL", "QUERY_DCL"])
      .describe("Events the MariaDB Audit Plugin records (SERVER_AUDIT_EVENTS) into the exported audit log."),
    backupRetentionDays: z
      .number()
      .int()
      .min(1, { error: "must be between 1 and 35 days (RDS automated backups)" })
      .max(35, { error: "must be between 1 and 35 days (RDS automated backups)" })
      .optional()
      .describe("Days of RDS automated backups (point-in-time restore). @default 14 in protect, 7 in ephemeral"),
    backupWindow: backupWindow.default("02:00-03:00").describe("Daily UTC window for the automated backup."),
    maintenanceWindow: maintenanceWindow
      .default("sun:04:00-sun:05:00")
      .describe("Weekly UTC window for minor upgrades and pending changes; must not overlap backupWindow."),
    monitoringIntervalSeconds: z
      .literal([1, 5, 10, 15, 30, 60], { error: "must be one of 1, 5, 10, 15, 30, 60 (enhanced monitoring)" })
      .default(60)
      .describe("Enhanced-monitoring interval in seconds."),
    applyImmediately: z.boolean().default(false).describe("Apply changes at once instead of in the next maintenance window (may restart the instance)."),
    snapshotIdentifier: snapshotIdentifier
      .optional()
      .describe(
        "Create the instance from this DB snapshot (name or ARN). Used only when the instance is created; later changes are " +
          "ignored. See docs/runbooks/restore.md.",
      ),
  })
  .prefault({})
  .describe("Repository database: RDS for MariaDB in the data subnets.");

export type DatabaseConfig = z.output<typeof databaseSchema>;
