/**
 * Who calls whom between the services, and in which order the services must be created for those calls to work.
 *
 * The flows are exactly the calls the vendor's compose file wires (reference §2, §3.3): the dashboard calls the
 * renderer, scheduler and pirana through its module URLs (PI_VARIABLE_*), the renderer calls back into the dashboard
 * (RENDERER_DASHBOARD_URL) and the scheduler reaches the dashboard (SCHEDULER_DASHBOARD_URL); both callbacks use the
 * internal connector 28748. No vendor configuration gives the scheduler, renderer or pirana a URL of any other
 * service, so no other flow is opened (the scheduler's scheduled reports are produced by the dashboard it calls).
 *
 * Service Connect: a task's proxy knows only the names that existed in the namespace when the task started. The
 * servers therefore start before their clients; a client that is also a server of its own server (the callbacks)
 * cannot, and is redeployed once after every service exists (first-start-redeploy.ts).
 */
import { PORTS, SERVICE_NAMES } from "./environment";

export type ServiceName = "dashboard" | "scheduler" | "renderer" | "pirana";

/** One call between services: `client` opens connections to `server` on `port` (a Service Connect name). */
export interface ServiceFlow {
  readonly client: ServiceName;
  readonly server: ServiceName;
  readonly port: number;
  /** The Service Connect name the client uses. */
  readonly name: string;
  /** The vendor's variable that makes the call. */
  readonly because: string;
}

export const SERVICE_FLOWS: readonly ServiceFlow[] = [
  { client: "dashboard", server: "renderer", port: PORTS.renderer, name: SERVICE_NAMES.renderer, because: "PI_VARIABLE_PAN_RENDERER_URL" },
  { client: "dashboard", server: "scheduler", port: PORTS.scheduler, name: SERVICE_NAMES.scheduler, because: "PI_VARIABLE_PAN_SCHEDULER_URL" },
  { client: "dashboard", server: "pirana", port: PORTS.pirana, name: SERVICE_NAMES.pirana, because: "PI_VARIABLE_ANALYTICS_SERVER_URL" },
  { client: "renderer", server: "dashboard", port: PORTS.dashboardInternal, name: SERVICE_NAMES.dashboardInternal, because: "RENDERER_DASHBOARD_URL" },
  { client: "scheduler", server: "dashboard", port: PORTS.dashboardInternal, name: SERVICE_NAMES.dashboardInternal, because: "SCHEDULER_DASHBOARD_URL" },
];

/** The flows between services that run. */
export function flowsAmong(running: ReadonlySet<ServiceName>): ServiceFlow[] {
  return SERVICE_FLOWS.filter((f) => running.has(f.client) && running.has(f.server));
}

/**
 * The start order: the dashboard (the one client of several servers, and the one the users wait for) starts after
 * every server it calls, except a server pinned after it (the scheduler rolls only after the dashboard has migrated the
 * schema: upgrade safety comes first). A service that calls the dashboard back starts after it where it can; one that
 * had to start before it, and the dashboard itself where a pinned server started after it, is redeployed once when
 * every service exists (FirstStartRedeploy). Returns, per service, what it must be created after, and the redeploys.
 */
export function startOrder(
  running: ReadonlySet<ServiceName>,
  pinnedAfterDashboard: readonly ServiceName[] = [],
): { after: ReadonlyMap<ServiceName, readonly ServiceName[]>; redeployOnceAllExist: readonly ServiceName[] } {
  const flows = flowsAmong(running);
  const dashboardServers = [...new Set(flows.filter((f) => f.client === "dashboard").map((f) => f.server))];
  const serversFirst = dashboardServers.filter((s) => !pinnedAfterDashboard.includes(s));
  const after = new Map<ServiceName, ServiceName[]>([["dashboard", serversFirst]]);
  const callers = [...new Set(flows.filter((f) => f.server === "dashboard").map((f) => f.client))];
  for (const caller of callers.filter((c) => !serversFirst.includes(c))) after.set(caller, ["dashboard"]);
  const redeploy: ServiceName[] = callers.filter((c) => serversFirst.includes(c));
  if (dashboardServers.some((s) => pinnedAfterDashboard.includes(s))) redeploy.push("dashboard");
  return { after, redeployOnceAllExist: redeploy.sort() };
}
