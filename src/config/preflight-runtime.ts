/**
 * Preflight of the services' runtime wiring (schema/runtime.ts): Service Connect timeouts against the load balancer's,
 * data sources and mail against the network mode and the services that run, extra environment variables (secrets and
 * the tool's own variables refused) and embedding origins (a warning when not same-site with the dashboard).
 */
import { getDomain } from "tldts";
import type { ConfigIssue } from "./issues";
import { SECRET_VARIABLES } from "./preflight-compute";
import { secretLikeName, secretShapeOf } from "../secrets/secret-shapes";
import type { ComputeConfig } from "./schema/compute";
import { TOOL_VARIABLES } from "./schema/runtime";

/** What the runtime checks read from the environment. */
export interface RuntimeCheckInput {
  readonly compute: ComputeConfig;
  readonly edge: { readonly domainName: string; readonly idleTimeoutSeconds: number };
  readonly network: { readonly mode: "create" | "existing" };
}

export function checkRuntime(env: RuntimeCheckInput): ConfigIssue[] {
  return [...checkTimeouts(env), ...checkDataSources(env), ...checkEnvironments(env.compute), ...checkEmbedding(env)];
}

function checkTimeouts(env: RuntimeCheckInput): ConfigIssue[] {
  const alb = env.edge.idleTimeoutSeconds;
  return (["perRequestTimeoutSeconds", "idleTimeoutSeconds"] as const).flatMap((field) => {
    const value = env.compute.serviceConnect[field];
    if (value === undefined || value >= alb) return [];
    return [
      {
        path: `compute.serviceConnect.${field}`,
        message:
          `is shorter than the load balancer's idle timeout (edge.idleTimeoutSeconds: ${alb}): a render or report callback ` +
          `would be cut off inside (504) while the browser still waits. Use at least ${alb}, or omit it to follow the load balancer`,
        value,
      },
    ];
  });
}

function checkDataSources(env: RuntimeCheckInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { compute } = env;
  const running = { dashboard: true, scheduler: compute.scheduler.enabled, pirana: compute.pirana.enabled };
  const names = new Set<string>();
  compute.dataSources.forEach((source, i) => {
    const path = `compute.dataSources[${i}]`;
    if (names.has(source.name)) issues.push({ path: `${path}.name`, message: "is used by another data source; names must be unique", value: source.name });
    names.add(source.name);
    if (env.network.mode === "create" && source.prefixListIds.length > 0 && source.cidrs.length === 0) {
      issues.push({
        path: `${path}.cidrs`,
        message:
          "is empty, but network ACLs cannot refer to prefix lists: give the CIDR blocks behind prefixListIds so the app and " +
          "public subnets' ACLs let the traffic out (the security groups use the prefix lists)",
        value: [],
      });
    }
    source.services.forEach((service, j) => {
      if (!running[service]) {
        issues.push({ path: `${path}.services[${j}]`, message: `names the ${service}, which is not enabled (compute.${service}.enabled)`, value: service });
      }
    });
  });
  return issues;
}

function checkEnvironments(compute: ComputeConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const service of ["dashboard", "scheduler", "renderer", "pirana"] as const) {
    const own = TOOL_VARIABLES[service];
    for (const [name, value] of Object.entries(compute[service].environment)) {
      const path = `compute.${service}.environment.${name}`;
      const shape = secretShapeOf(value);
      if (secretLikeName(name) || (SECRET_VARIABLES as readonly string[]).includes(name) || shape) {
        issues.push({
          path,
          message:
            `${shape ? `holds ${shape}` : "looks like a secret"}, and plain environment variables are visible in the task definition, plan and state: ` +
            "the DB credentials and the licence are injected from Secrets Manager (compute.licenceSecretArn); put other secrets in Secrets Manager",
        });
      } else if (name in own) {
        issues.push({ path, message: `is set by the tool itself (from ${own[name]}); change that setting instead of overriding the variable`, value });
      }
    }
  }
  return issues;
}

/** Same-site as browsers judge it: the registrable domain under the full public suffix list (private suffixes too). */
function site(host: string): string {
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

function checkEmbedding(env: RuntimeCheckInput): ConfigIssue[] {
  const origins = env.compute.dashboard.embedding?.allowedOrigins ?? [];
  const dashboardSite = site(env.edge.domainName);
  return origins.flatMap((origin, i) => {
    const host = new URL(origin).hostname;
    if (site(host) === dashboardSite) return [];
    return [
      {
        severity: "warning" as const,
        path: `compute.dashboard.embedding.allowedOrigins[${i}]`,
        message:
          `is not same-site with the dashboard (${env.edge.domainName}, site ${dashboardSite}): browsers that block third-party cookies ` +
          "(Safari, Firefox, Chrome with tracking protection) drop the dashboard's session cookie inside this page even with SameSite=None. " +
          `Serve the dashboard under ${site(host)} (e.g. bi.${site(host)}) to keep embedded sessions working`,
        value: origin,
      },
    ];
  });
}
