/**
 * Preflight checks of the data tier's sections (`database`, `backup`) that need more than one field (no AWS call).
 * Paths are env-relative.
 */
import type { ConfigIssue } from "./issues";
import { parameterGroupFamilyFor } from "./schema/database";
import type { EnvironmentConfig } from "./schema/resolve";

/** AWS Backup needs a recovery point to stay 90 days in cold storage before it may be deleted. */
export const MIN_DAYS_IN_COLD_STORAGE = 90;
/** RDS storage autoscaling: the ceiling must be at least 10% above the allocated storage. */
export const MIN_AUTOSCALING_HEADROOM = 1.1;
/** A protected environment keeps at least a week of point-in-time recovery. */
export const MIN_PROTECTED_DB_BACKUP_DAYS = 7;

export function checkData(env: EnvironmentConfig): ConfigIssue[] {
  return [...checkDatabase(env), ...checkBackup(env)];
}

function checkDatabase(env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const db = env.database;

  const family = parameterGroupFamilyFor(db.engineVersion);
  if (family && db.parameterGroupFamily !== family) {
    issues.push({
      path: "database.parameterGroupFamily",
      message: `does not match engineVersion ${db.engineVersion}, whose family is ${family}; remove the setting or make the two agree`,
      value: db.parameterGroupFamily,
    });
  }

  if (db.maxAllocatedStorageGib < Math.ceil(db.allocatedStorageGib * MIN_AUTOSCALING_HEADROOM)) {
    issues.push({
      path: "database.maxAllocatedStorageGib",
      message: `must be at least 10% above allocatedStorageGib (${db.allocatedStorageGib}), i.e. ≥ ${Math.ceil(db.allocatedStorageGib * MIN_AUTOSCALING_HEADROOM)}, for storage autoscaling`,
      value: db.maxAllocatedStorageGib,
    });
  }

  if (env.lifecycle === "protect" && db.backupRetentionDays < MIN_PROTECTED_DB_BACKUP_DAYS) {
    issues.push({
      path: "database.backupRetentionDays",
      message: `must be at least ${MIN_PROTECTED_DB_BACKUP_DAYS} days with lifecycle protect (up to 35)`,
      value: db.backupRetentionDays,
    });
  }

  const rotationProblem = rotationWindowProblem(db.passwordRotation.schedule, db.passwordRotation.window);
  if (rotationProblem) {
    issues.push({ path: "database.passwordRotation.window", message: rotationProblem, value: db.passwordRotation.window });
  }

  if (windowsOverlap(db.backupWindow, db.maintenanceWindow)) {
    issues.push({
      path: "database.maintenanceWindow",
      message: `overlaps the daily backupWindow ${db.backupWindow}; RDS needs the two apart`,
      value: db.maintenanceWindow,
    });
  }
  return issues;
}

function checkBackup(env: EnvironmentConfig): ConfigIssue[] {
  const { backup } = env;
  if (backup.coldStorageAfterDays === undefined) return [];
  const needed = backup.coldStorageAfterDays + MIN_DAYS_IN_COLD_STORAGE;
  if (backup.retentionDays >= needed) return [];
  return [
    {
      path: "backup.retentionDays",
      message: `must be at least coldStorageAfterDays + ${MIN_DAYS_IN_COLD_STORAGE} (${needed}): AWS Backup keeps a point in cold storage for 90 days or more`,
      value: backup.retentionDays,
    },
  ];
}

/**
 * Secrets Manager's rule for the rotation window: it may not run into the next UTC day nor into the next window.
 * Returns what is wrong, or undefined.
 */
export function rotationWindowProblem(schedule: string, window: string): string | undefined {
  const hours = Number(window.replace(/h$/, ""));
  const rate = /^rate\((\d+) hours?\)$/.exec(schedule);
  if (rate && hours >= Number(rate[1])) {
    return `must be shorter than the ${rate[1]}-hour rotation interval of the schedule`;
  }
  const cron = /^cron\((\d+) (\d+) /.exec(schedule);
  if (cron) {
    const end = Number(cron[2]) * 60 + Number(cron[1]) + hours * 60;
    if (end > MINUTES_PER_DAY) {
      return `would run past midnight UTC from the schedule's ${cron[2].padStart(2, "0")}:${cron[1].padStart(2, "0")} start; shorten it or start earlier`;
    }
  }
  return undefined;
}

const MINUTES_PER_DAY = 24 * 60;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** Minutes since Sunday 00:00 of a `ddd:hh:mm` or, with a day given, `hh:mm`. */
function minuteOfWeek(day: number, hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return day * MINUTES_PER_DAY + h * 60 + m;
}

/** Intervals of the week as [start, end) minutes, split where they wrap past Saturday midnight. */
function weekly(start: number, end: number): Array<[number, number]> {
  const week = 7 * MINUTES_PER_DAY;
  return end > start
    ? [[start, end]]
    : [
        [start, week],
        [0, end],
      ];
}

/** Whether a daily `hh:mm-hh:mm` window meets a weekly `ddd:hh:mm-ddd:hh:mm` window on any day. */
export function windowsOverlap(daily: string, weeklyWindow: string): boolean {
  const [dStart, dEnd] = daily.split("-");
  const match = /^(\w{3}):(\d\d:\d\d)-(\w{3}):(\d\d:\d\d)$/.exec(weeklyWindow);
  if (!match) return false;
  const maintenance = weekly(minuteOfWeek(DAYS.indexOf(match[1]), match[2]), minuteOfWeek(DAYS.indexOf(match[3]), match[4]));
  const backups = DAYS.flatMap((_, day) => {
    const start = minuteOfWeek(day, dStart);
    const end = minuteOfWeek(day, dEnd) + (dEnd <= dStart ? MINUTES_PER_DAY : 0);
    return weekly(start % (7 * MINUTES_PER_DAY), end % (7 * MINUTES_PER_DAY));
  });
  return backups.some(([a, b]) => maintenance.some(([c, d]) => a < d && c < b));
}
