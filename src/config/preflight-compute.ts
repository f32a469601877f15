/** Preflight checks of the `compute` section that need more than one field (no AWS call). Paths are env-relative. */
import type { ConfigIssue } from "./issues";
import type { ComputeConfig, ScalingConfig } from "./schema/compute";

/** What the compute checks read from the environment. */
export interface ComputeCheckInput {
  readonly compute: ComputeConfig;
  readonly edge: { readonly stickiness: { readonly enabled: boolean } };
}

/** Smallest dashboard task: Tomcat needs a 1 GiB heap plus headroom. */
export const MIN_DASHBOARD_MEMORY_MIB = 2048;
/** Memory kept outside the JVM heap when the heap is set explicitly (metaspace, threads, Service Connect proxy). */
export const MIN_HEAP_HEADROOM_MIB = 512;
/** Variables the tier injects as secrets: never as plain environment. */
export const SECRET_VARIABLES = ["PI_DB_USERNAME", "PI_DB_PASSWORD", "PI_LICENCE"] as const;

export function checkCompute(env: ComputeCheckInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { dashboard, renderer, pirana } = env.compute;

  if (dashboard.memoryMib < MIN_DASHBOARD_MEMORY_MIB) {
    issues.push({
      path: "compute.dashboard.memoryMib",
      message: `must be at least ${MIN_DASHBOARD_MEMORY_MIB} MiB: Tomcat needs a 1 GiB heap plus headroom (use cpu 512 or more)`,
      value: dashboard.memoryMib,
    });
  }
  if (dashboard.tomcatMaxMemoryMb !== undefined && dashboard.tomcatMaxMemoryMb > dashboard.memoryMib - MIN_HEAP_HEADROOM_MIB) {
    issues.push({
      path: "compute.dashboard.tomcatMaxMemoryMb",
      message: `must leave at least ${MIN_HEAP_HEADROOM_MIB} MiB of the ${dashboard.memoryMib} MiB task outside the heap (at most ${dashboard.memoryMib - MIN_HEAP_HEADROOM_MIB}); omit it for the derived default`,
      value: dashboard.tomcatMaxMemoryMb,
    });
  }

  issues.push(...checkScaling("compute.dashboard.scaling", dashboard.scaling));
  const hours = dashboard.scaling.officeHours;
  if (hours && hours.min > hours.max) {
    issues.push({ path: "compute.dashboard.scaling.officeHours.min", message: `is more than officeHours.max (${hours.max})`, value: hours.min });
  }
  if (renderer.scaling) issues.push(...checkScaling("compute.renderer.scaling", renderer.scaling));
  if (pirana.scaling) issues.push(...checkScaling("compute.pirana.scaling", pirana.scaling));

  const maxTasks = Math.max(dashboard.scaling.max, hours?.max ?? 0);
  if (maxTasks > 1 && !env.edge.stickiness.enabled) {
    issues.push({
      path: "edge.stickiness.enabled",
      message:
        `is false, but the dashboard may run ${maxTasks} tasks (compute.dashboard.scaling) and Tomcat keeps sessions in memory: ` +
        "users would be signed out between tasks. Remove the setting (stickiness is forced on) or set the dashboard's max to 1",
      value: false,
    });
  }

  // Extra environment variables (every service): preflight-runtime.ts.
  return issues;
}

function checkScaling(path: string, scaling: ScalingConfig): ConfigIssue[] {
  if (scaling.min <= scaling.max) return [];
  return [{ path: `${path}.min`, message: `is more than ${path.split(".").pop()}.max (${scaling.max}); min ≤ max`, value: scaling.min }];
}
