/**
 * The containers' plain environment, service by service (shared/reference/panintelligence.md §3). Secrets (DB
 * username/password, licence) are never here: they are `secrets` with `valueFrom` (see compute.ts).
 */
import { numberString } from "../number-string";
import { secretLikeName } from "../../secrets/secret-shapes";
import { TOOL_VARIABLES } from "../../config/schema/runtime";

/** Container ports (vendor facts, §1). */
export const PORTS = { dashboard: 8224, dashboardInternal: 28748, scheduler: 9917, renderer: 9915, pirana: 9918 } as const;

/**
 * Service Connect names: what the services call each other by. The dashboard's internal connector (28748, plain HTTP,
 * not proxy-aware) is the one the renderer and scheduler call back into; 8224 is only published to the load balancer.
 */
export const SERVICE_NAMES = {
  dashboardInternal: "dashboard-internal",
  scheduler: "scheduler",
  renderer: "renderer",
  pirana: "pirana",
} as const;

/** Internal URL of the dashboard for the renderer and scheduler callbacks. */
export const DASHBOARD_INTERNAL_URL = `http://${SERVICE_NAMES.dashboardInternal}:${PORTS.dashboardInternal}/pi`;

export interface DatabaseEndpoint {
  readonly host: string;
  /** The port as a string (a token renders as `${…port}`). */
  readonly port: string;
  readonly schemaName: string;
}

export interface DashboardEnvironmentInput {
  readonly database: DatabaseEndpoint;
  /** The public host name behind the HTTPS load balancer (PI_PROXY_HOST). */
  readonly publicHost: string;
  readonly tomcatMaxMemoryMb: number;
  readonly scheduler: boolean;
  readonly renderer: boolean;
  readonly pirana: boolean;
  /** Sites allowed to frame the dashboard (compute.dashboard.embedding). @default not embeddable */
  readonly embeddingOrigins?: readonly string[];
  /** Operator extras from config (preflight refused secrets and the tool's own variables). */
  readonly extra: Readonly<Record<string, string>>;
}

/**
 * The operator's extras plus the tool's variables. Defence in depth behind preflight: an extra may not replace a
 * variable the tool sets for that service.
 */
export function withExtras(service: keyof typeof TOOL_VARIABLES, own: Record<string, string>, extra: Readonly<Record<string, string>>): Record<string, string> {
  const clash = Object.keys(extra).filter((name) => name in own || name in TOOL_VARIABLES[service]);
  if (clash.length > 0) throw new Error(`${service} environment: ${clash.join(", ")} are set by the tool and cannot be overridden`);
  return { ...extra, ...own };
}

function databaseEnvironment(db: DatabaseEndpoint): Record<string, string> {
  return { PI_EXTERNAL_DB: "true", PI_DB_HOST: db.host, PI_DB_PORT: db.port, PI_DB_SCHEMA_NAME: db.schemaName };
}

/**
 * Dashboard: external DB, heap, Secure cookies, proxy settings for the TLS-terminating load balancer, and the URLs
 * of the other services. The module URLs use the compose form `PI_VARIABLE_*` (the reference flags the PiM example's
 * `PAN_RENDERER_URL`/`PAN_SCHEDULER_URL` as the doubtful one); only services that run get a URL.
 */
export function dashboardEnvironment(input: DashboardEnvironmentInput): Record<string, string> {
  const origins = input.embeddingOrigins ?? [];
  return withExtras(
    "dashboard",
    {
      ...databaseEnvironment(input.database),
      PI_TOMCAT_MAX_MEMORY: numberString(input.tomcatMaxMemoryMb),
      PI_TOMCAT_COOKIE_SECURE: "true",
      // Embedded in another site's page the session cookie is a third-party cookie: only SameSite=None (with Secure)
      // is sent. frame-ancestors keeps every other site from framing the dashboard ('self' for its own previews).
      ...(origins.length > 0 ? { PI_TOMCAT_COOKIE_SAMESITE: "None", PI_TOMCAT_FRAME_ANCESTORS: ["'self'", ...origins].join(" ") } : {}),
      PI_PROXY_ENABLED: "true",
      PI_PROXY_SCHEME: "https",
      PI_PROXY_HOST: input.publicHost,
      PI_PROXY_PORT: "443",
      PI_PROXY_IS_SECURE: "true",
      ...(input.renderer
        ? {
            RENDERER_DASHBOARD_URL: DASHBOARD_INTERNAL_URL,
            PI_VARIABLE_PAN_RENDERER_URL: `http://${SERVICE_NAMES.renderer}:${PORTS.renderer}`,
          }
        : {}),
      ...(input.scheduler ? { PI_VARIABLE_PAN_SCHEDULER_URL: `http://${SERVICE_NAMES.scheduler}:${PORTS.scheduler}` } : {}),
      ...(input.pirana ? { PI_VARIABLE_ANALYTICS_SERVER_URL: `http://${SERVICE_NAMES.pirana}:${PORTS.pirana}` } : {}),
    },
    input.extra,
  );
}

/** Scheduler: the repository DB and the dashboard it calls back (internal connector). */
export function schedulerEnvironment(database: DatabaseEndpoint, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return withExtras("scheduler", { ...databaseEnvironment(database), SCHEDULER_DASHBOARD_URL: DASHBOARD_INTERNAL_URL }, extra);
}

/** Renderer: log levels (the vendor's compose value without verbose/debug). */
export function rendererEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return withExtras("renderer", { RENDERER_LOG_LEVELS: "info,error,warn" }, extra);
}

/** Pirana: the vendor sets nothing; only the operator's extras. */
export function piranaEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return withExtras("pirana", {}, extra);
}

/** Names in `environment` that look like secrets (a test and a synth-time guard use this). */
export function secretLookingNames(environment: Readonly<Record<string, string>>): string[] {
  return Object.keys(environment).filter(secretLikeName);
}
