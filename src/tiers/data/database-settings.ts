/**
 * What the Panintelligence repository needs from MariaDB, as data: the custom parameter group's settings and the audit
 * plugin's option settings.
 */

export interface DbParameter {
  readonly name: string;
  readonly value: string;
  /** `pending-reboot` for static parameters (they take effect at the next reboot, or at creation). */
  readonly applyMethod: "immediate" | "pending-reboot";
}

/** Log types the instance exports to CloudWatch Logs (each gets a log group with retention). */
export const DB_LOG_EXPORTS = ["audit", "error", "slowquery"] as const;

/**
 * The parameter group: Panintelligence's settings (case-insensitive table names, NO_AUTO_VALUE_ON_ZERO, stored functions
 * without SUPER, utf8mb4), the slow-query log that the `slowquery` export reads, and require_secure_transport set
 * explicitly either way (newer engine defaults differ).
 */
export function panintelligenceParameters(requireSecureTransport: boolean): DbParameter[] {
  return [
    { name: "lower_case_table_names", value: "1", applyMethod: "pending-reboot" },
    { name: "sql_mode", value: "NO_AUTO_VALUE_ON_ZERO", applyMethod: "immediate" },
    { name: "log_bin_trust_function_creators", value: "1", applyMethod: "immediate" },
    { name: "character_set_server", value: "utf8mb4", applyMethod: "immediate" },
    { name: "collation_server", value: "utf8mb4_unicode_ci", applyMethod: "immediate" },
    { name: "slow_query_log", value: "1", applyMethod: "immediate" },
    { name: "long_query_time", value: "2", applyMethod: "immediate" },
    { name: "require_secure_transport", value: requireSecureTransport ? "1" : "0", applyMethod: "immediate" },
  ];
}

/** MARIADB_AUDIT_PLUGIN settings: the chosen events, without RDS's own housekeeping user. */
export function auditPluginSettings(events: readonly string[]): Array<{ name: string; value: string }> {
  return [
    { name: "SERVER_AUDIT_EVENTS", value: events.join(",") },
    { name: "SERVER_AUDIT_EXCL_USERS", value: "rdsadmin" },
  ];
}
