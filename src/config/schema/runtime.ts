/**
 * The services' runtime wiring: Service Connect timeouts, where the services may reach beyond the stack (data sources,
 * mail), the dashboard's embedding in other sites and the operators' extra environment variables. Used by the
 * `compute` section (compute.ts); cross-field checks are in preflight-runtime.ts.
 */
import { z } from "zod";
import { ipv4Cidr } from "./primitives";

/** Services that may query data sources (the renderer only draws what the dashboard sends it). */
export const DATA_QUERYING_SERVICES = ["dashboard", "scheduler", "pirana"] as const;

const port = z.number().int().min(1).max(65535);
const timeoutSeconds = z.number().int().min(1).max(86_400);

export const serviceConnectSchema = z
  .strictObject({
    perRequestTimeoutSeconds: timeoutSeconds
      .optional()
      .describe(
        "Longest a request between services may take (render, report callback) before Service Connect's proxy answers 504. " +
          "Envoy's own default is 15 s. @default edge.idleTimeoutSeconds (the load balancer's idle timeout)",
      ),
    idleTimeoutSeconds: timeoutSeconds
      .optional()
      .describe("Seconds a connection between services may stay idle before the proxy closes it. @default edge.idleTimeoutSeconds"),
  })
  .prefault({})
  .describe(
    "Timeouts of every Service Connect route. Shorter than the load balancer's idle timeout is refused: a long report would fail inside before the edge gives up.",
  );

export const dataSourceSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}$/, { error: "must be a short lower-case name such as warehouse (a-z, 0-9, '-', at most 31)" })
      .describe("Short name of the data source (rule ids and descriptions)."),
    ports: z
      .array(port)
      .min(1)
      .max(10)
      .describe("TCP ports, e.g. 1433 SQL Server, 5432 PostgreSQL, 1521 Oracle, 5439 Redshift, 3306 MySQL, 443 Snowflake/BigQuery."),
    cidrs: z
      .array(ipv4Cidr)
      .default([])
      .describe(
        "IPv4 CIDR blocks of the data source: security-group and network-ACL rules. Required with prefixListIds in a created network (ACLs cannot use prefix lists).",
      ),
    prefixListIds: z
      .array(z.string().regex(/^pl-[0-9a-f]{8,17}$/, { error: "must be a managed prefix list id such as pl-0123456789abcdef0" }))
      .default([])
      .describe("Managed prefix lists of the data source (security-group rules only)."),
    securityGroupIds: z
      .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, { error: "must be a security group id such as sg-0123456789abcdef0" }))
      .default([])
      .describe(
        "Security groups of a data source in this VPC (or a peered one): egress by group reference; admit the services' groups on its side (output service_security_group_ids). Without cidrs the network ACLs open the ports to the VPC CIDR.",
      ),
    services: z
      .array(z.enum(DATA_QUERYING_SERVICES))
      .min(1)
      .default(["dashboard"])
      .describe("Services that query it. The dashboard runs every query; add scheduler or pirana only if they connect themselves."),
  })
  .refine((s) => s.cidrs.length + s.prefixListIds.length + s.securityGroupIds.length > 0, {
    error: "needs at least one destination: cidrs, prefixListIds or securityGroupIds",
  });

export const dataSourcesSchema = z
  .array(dataSourceSchema)
  .default([])
  .describe(
    "Databases and warehouses the dashboard queries: each opens the services' security groups and (created network) the network ACLs on its ports, and nothing else.",
  );

export const smtpSchema = z
  .strictObject({
    port: port.default(587).describe("SMTP port (587 submission with STARTTLS, 465 SMTPS, 25)."),
    cidrs: z
      .array(ipv4Cidr)
      .min(1)
      .default(["0.0.0.0/0"])
      .describe("Where the mail server is: its CIDR blocks (anywhere by default, e.g. Amazon SES or Microsoft 365)."),
  })
  .optional()
  .describe(
    "Mail for scheduled reports and alerts: opens the port from the dashboard and the scheduler in both security groups and network ACLs. The server itself is set in the dashboard's admin pages. @default no mail",
  );

/** An https origin: scheme, host and optional port, nothing else (what a browser sends in `Origin`). */
const httpsOrigin = z.string().regex(/^https:\/\/(?=.{1,253}(:\d{1,5})?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/, {
  error: "must be an https origin such as https://app.example.com (lower case, no path, no trailing slash)",
});

export const embeddingSchema = z
  .strictObject({
    allowedOrigins: z
      .array(httpsOrigin)
      .min(1, { error: "needs at least one origin that embeds the dashboard" })
      .max(20)
      .describe("Sites that may frame the dashboard (CSP frame-ancestors). Sets SameSite=None with Secure cookies so the session survives inside their pages."),
  })
  .optional()
  .describe("Embedding the dashboard in other sites (iframes). @default not embeddable: cookies keep the image's SameSite default");

/** Extra plain environment variables of one service. */
export const extraEnvironment = (service: string) =>
  z
    .record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: "must be an environment variable name (A-Z, 0-9, _)" }), z.string())
    .default({})
    .describe(
      `Extra non-secret environment variables of the ${service} (e.g. TZ). Secret-looking names and values are refused (use Secrets Manager); variables the tool sets itself cannot be overridden here.`,
    );

export type DataSourceConfig = z.output<typeof dataSourceSchema>;
export type SmtpConfig = NonNullable<z.output<typeof smtpSchema>>;
export type EmbeddingConfig = NonNullable<z.output<typeof embeddingSchema>>;
export type ServiceConnectConfig = z.output<typeof serviceConnectSchema>;

/** The effective Service Connect timeouts: unset ones follow the load balancer's idle timeout. */
export function serviceConnectTimeouts(
  serviceConnect: ServiceConnectConfig,
  albIdleTimeoutSeconds: number,
): { perRequestTimeoutSeconds: number; idleTimeoutSeconds: number } {
  return {
    perRequestTimeoutSeconds: serviceConnect.perRequestTimeoutSeconds ?? albIdleTimeoutSeconds,
    idleTimeoutSeconds: serviceConnect.idleTimeoutSeconds ?? albIdleTimeoutSeconds,
  };
}

/**
 * Variables the tool sets itself, by service, and the setting that decides each (where one does). Extras may not
 * override them: a stray PI_TOMCAT_MAX_MEMORY or PI_DB_HOST would silently undo a sizing or wiring decision.
 */
const DATABASE_VARIABLES = {
  PI_EXTERNAL_DB: "always true (the RDS repository)",
  PI_DB_HOST: "the database tier",
  PI_DB_PORT: "the database tier",
  PI_DB_SCHEMA_NAME: "database.schemaName",
  PI_DB_USERNAME: "the database secret (database.masterUsername)",
  PI_DB_PASSWORD: "the database secret",
} as const;
export const TOOL_VARIABLES: Readonly<Record<"dashboard" | "scheduler" | "renderer" | "pirana", Readonly<Record<string, string>>>> = {
  dashboard: {
    ...DATABASE_VARIABLES,
    PI_LICENCE: "compute.licenceSecretArn",
    PI_TOMCAT_MAX_MEMORY: "compute.dashboard.tomcatMaxMemoryMb",
    PI_TOMCAT_COOKIE_SECURE: "always true (HTTPS only)",
    PI_TOMCAT_COOKIE_SAMESITE: "compute.dashboard.embedding",
    PI_TOMCAT_FRAME_ANCESTORS: "compute.dashboard.embedding.allowedOrigins",
    PI_PROXY_ENABLED: "the load balancer (always behind it)",
    PI_PROXY_SCHEME: "the load balancer (always https)",
    PI_PROXY_HOST: "edge.domainName",
    PI_PROXY_PORT: "the load balancer (always 443)",
    PI_PROXY_IS_SECURE: "the load balancer (always true)",
    RENDERER_DASHBOARD_URL: "compute.renderer.enabled (Service Connect name)",
    PI_VARIABLE_PAN_RENDERER_URL: "compute.renderer.enabled (Service Connect name)",
    PI_VARIABLE_PAN_SCHEDULER_URL: "compute.scheduler.enabled (Service Connect name)",
    PI_VARIABLE_ANALYTICS_SERVER_URL: "compute.pirana.enabled (Service Connect name)",
  },
  scheduler: { ...DATABASE_VARIABLES, SCHEDULER_DASHBOARD_URL: "the dashboard's Service Connect name" },
  renderer: { RENDERER_LOG_LEVELS: "the tool (info,error,warn)" },
  pirana: {},
};
