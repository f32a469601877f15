/**
 * The containers' plain environment, service by service (shared/reference/panintelligence.md §3). Secrets (DB
 * username/password, licence) are never here: they are `secrets` with `valueFrom` (see compute.ts).
 */
import { numberString } from "../number-string";
import { secretLikeName } from "../../secrets/secret-shapes";

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
  /** Operator extras from config (already checked for secret-looking names); they win over the defaults. */
  readonly extra: Readonly<Record<string, string>>;
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
  return {
    ...databaseEnvironment(input.database),
    PI_TOMCAT_MAX_MEMORY: numberString(input.tomcatMaxMemoryMb),
    PI_TOMCAT_COOKIE_SECURE: "true",
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
    ...input.extra,
  };
}

/** Scheduler: the repository DB and the dashboard it calls back (internal connector). */
export function schedulerEnvironment(database: DatabaseEndpoint): Record<string, string> {
  return { ...databaseEnvironment(database), SCHEDULER_DASHBOARD_URL: DASHBOARD_INTERNAL_URL };
}

/** Renderer: log levels (the vendor's compose value without verbose/debug). */
export function rendererEnvironment(): Record<string, string> {
  return { RENDERER_LOG_LEVELS: "info,error,warn" };
}

/** Names in `environment` that look like secrets (a test and a synth-time guard use this). */
export function secretLookingNames(environment: Readonly<Record<string, string>>): string[] {
  return Object.keys(environment).filter(secretLikeName);
}
