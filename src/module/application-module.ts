/**
 * `terraform-modules/panintelligence`: everything but the VPC, built from PanintelligenceStack in existing-VPC mode.
 * Value fields of the configuration become variables; renderer, pirana, WAF and upload sync are switches. The module
 * always uses the `protect` lifecycle: `prevent_destroy` cannot depend on a variable.
 */
import { Testing } from "cdktf";
import { formatIssues } from "../config/issues";
import { loadConfig } from "../config/load";
import { MAX_PREFIX_LENGTH } from "../config/preflight";
import { MIN_DASHBOARD_MEMORY_MIB, MIN_HEAP_HEADROOM_MIB } from "../config/preflight-compute";
import { PRIVATE_REGISTRY_HOST } from "../config/preflight-images";
import { FARGATE_CPUS, FARGATE_SIZES } from "../config/schema/compute";
import { PanintelligenceStack } from "../stack";
import type { Combination, Switch } from "./switches";
import { variableToken, withValues, type ModuleVariable } from "./variable-spec";
import type { ModuleVariant } from "./module-build";

export const APPLICATION_SWITCHES: readonly Switch[] = [
  { name: "renderer", condition: "var.enable_renderer" },
  { name: "pirana", condition: "var.enable_pirana" },
  { name: "waf", condition: "var.enable_waf" },
  { name: "uploads", condition: "var.enable_upload_sync" },
];

const SWITCH_VARIABLES: readonly ModuleVariable[] = [
  { name: "enable_renderer", type: "bool", configPath: "compute.renderer.enabled" },
  { name: "enable_pirana", type: "bool", configPath: "compute.pirana.enabled" },
  { name: "enable_waf", type: "bool", configPath: "edge.waf.enabled", default: true },
  { name: "enable_upload_sync", type: "bool", configPath: "uploads.enabled" },
];

/** Inputs that stand for config value fields; the path says which. */
export const APPLICATION_VARIABLES: readonly ModuleVariable[] = [
  {
    name: "name",
    type: "string",
    description: "Prefix of every resource name (the CDKTF app uses <project>-<environment>).",
    configPath: "prefix",
    validations: [
      ['can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))', "name must start with a letter, end with a letter or digit, and use only a-z, 0-9 and '-'."],
      [
        `length(var.name) <= ${MAX_PREFIX_LENGTH}`,
        `name must be at most ${MAX_PREFIX_LENGTH} characters (load balancer and target group names are limited to 32).`,
      ],
    ],
  },
  { name: "region", type: "string", configPath: "region" },
  { name: "account_id", type: "string", configPath: "accountId" },
  { name: "vpc_id", type: "string", configPath: "network.vpcId" },
  { name: "public_subnet_ids", type: "list(string)", configPath: "network.subnetIds.public" },
  { name: "app_subnet_ids", type: "list(string)", configPath: "network.subnetIds.app" },
  { name: "data_subnet_ids", type: "list(string)", configPath: "network.subnetIds.data" },
  { name: "log_retention_days", type: "number", configPath: "logs.retentionDays", default: 365 },
  ...SWITCH_VARIABLES,
  { name: "database_instance_class", type: "string", configPath: "database.instanceClass" },
  { name: "database_allocated_storage_gib", type: "number", configPath: "database.allocatedStorageGib" },
  { name: "database_max_allocated_storage_gib", type: "number", configPath: "database.maxAllocatedStorageGib" },
  { name: "database_multi_az", type: "bool", configPath: "database.multiAz", default: true },
  { name: "database_backup_retention_days", type: "number", configPath: "database.backupRetentionDays", default: 14 },
  { name: "database_backup_window", type: "string", configPath: "database.backupWindow" },
  { name: "database_maintenance_window", type: "string", configPath: "database.maintenanceWindow" },
  { name: "database_monitoring_interval_seconds", type: "number", configPath: "database.monitoringIntervalSeconds" },
  { name: "database_apply_immediately", type: "bool", configPath: "database.applyImmediately" },
  { name: "database_master_username", type: "string", configPath: "database.masterUsername" },
  { name: "backup_schedule", type: "string", configPath: "backup.schedule" },
  { name: "backup_retention_days", type: "number", configPath: "backup.retentionDays", default: 35 },
  { name: "domain_name", type: "string", configPath: "edge.domainName" },
  { name: "hosted_zone_id", type: "string", configPath: "edge.hostedZoneId" },
  { name: "tls_policy", type: "string", configPath: "edge.tlsPolicy" },
  { name: "idle_timeout_seconds", type: "number", configPath: "edge.idleTimeoutSeconds" },
  { name: "access_logs_expiration_days", type: "number", configPath: "edge.accessLogs.expirationDays" },
  { name: "waf_rate_limit", type: "number", configPath: "edge.waf.rateLimit" },
  {
    name: "ingress_cidrs_ipv4",
    type: "list(string)",
    configPath: "edge.ingressCidrs.ipv4",
    validations: [
      [
        "alltrue([for c in var.ingress_cidrs_ipv4 : can(cidrnetmask(c))])",
        "every element of ingress_cidrs_ipv4 must be an IPv4 CIDR block such as 203.0.113.0/24.",
      ],
    ],
  },
  {
    name: "ingress_cidrs_ipv6",
    type: "list(string)",
    configPath: "edge.ingressCidrs.ipv6",
    validations: [
      [
        'alltrue([for c in var.ingress_cidrs_ipv6 : can(cidrhost(c, 0)) && strcontains(c, ":")])',
        "every element of ingress_cidrs_ipv6 must be an IPv6 CIDR block such as 2001:db8::/32.",
      ],
    ],
  },
  { name: "alarm_emails", type: "list(string)", configPath: "alarms.emails" },
  { name: "alarm_alb_server_error_percent", type: "number", configPath: "alarms.alb.serverErrorPercent" },
  { name: "alarm_alb_target_response_time_seconds", type: "number", configPath: "alarms.alb.targetResponseTimeSeconds" },
  { name: "alarm_database_cpu_percent", type: "number", configPath: "alarms.database.cpuPercent" },
  { name: "alarm_database_connections", type: "number", configPath: "alarms.database.connections" },
  { name: "alarm_dashboard_cpu_percent", type: "number", configPath: "alarms.dashboard.cpuPercent" },
  ...(["dashboard", "scheduler", "renderer", "pirana"] as const).flatMap(serviceSize),
  {
    name: "dashboard_tomcat_max_memory_mb",
    type: "number",
    configPath: "compute.dashboard.tomcatMaxMemoryMb",
    default: null,
    // the config's derived default (defaultTomcatHeapMb): task memory minus max(1024, 25 %)
    local:
      "var.dashboard_tomcat_max_memory_mb != null ? var.dashboard_tomcat_max_memory_mb : var.dashboard_memory_mib - max(1024, floor(var.dashboard_memory_mib / 4))",
    validations: [
      [
        `var.dashboard_tomcat_max_memory_mb == null ? true : var.dashboard_tomcat_max_memory_mb <= var.dashboard_memory_mib - ${MIN_HEAP_HEADROOM_MIB}`,
        `dashboard_tomcat_max_memory_mb must leave at least ${MIN_HEAP_HEADROOM_MIB} MiB of dashboard_memory_mib outside the heap; leave it null for the derived default.`,
      ],
    ],
  },
  ...(["perRequestTimeoutSeconds", "idleTimeoutSeconds"] as const).map(serviceConnectTimeout),
  ...(["dashboard", "scheduler", "renderer", "pirana"] as const).flatMap(serviceImage),
  { name: "upload_noncurrent_version_days", type: "number", configPath: "uploads.noncurrentVersionDays" },
];

/**
 * A service's image inputs. The module takes no registry credentials, and Panintelligence's ghcr.io images are private
 * (the config's preflight-images check): a running service's repository must be elsewhere, e.g. an ECR mirror.
 */
function serviceImage(service: "dashboard" | "scheduler" | "renderer" | "pirana"): ModuleVariable[] {
  const repository = `var.${service}_image_repository`;
  const enabled = service === "renderer" || service === "pirana" ? `!var.enable_${service} || ` : "";
  return [
    {
      name: `${service}_image_repository`,
      type: "string",
      configPath: `compute.${service}.repository`,
      validations: [
        [
          `${enabled}!startswith(${repository}, "${PRIVATE_REGISTRY_HOST}/")`,
          `${service}_image_repository is on ${PRIVATE_REGISTRY_HOST}, where Panintelligence's images are private, and this module takes no registry credentials: ` +
            `mirror the images to ECR (docs/runbooks/ecr-mirror.md) and set ${service}_image_repository to the ECR repository.`,
        ],
      ],
    },
    { name: `${service}_image_tag`, type: "string", configPath: `compute.${service}.tag` },
  ];
}

/** A Service Connect timeout: null follows the load balancer's idle timeout, as the config derives it; never shorter. */
function serviceConnectTimeout(field: "perRequestTimeoutSeconds" | "idleTimeoutSeconds"): ModuleVariable {
  const name = `service_connect_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
  return {
    name,
    type: "number",
    configPath: `compute.serviceConnect.${field}`,
    default: null,
    local: `var.${name} != null ? var.${name} : var.idle_timeout_seconds`,
    validations: [
      [
        `var.${name} == null ? true : var.${name} >= var.idle_timeout_seconds`,
        `${name} must be at least idle_timeout_seconds: a request cut off inside (504) while the load balancer still waits fails the report; leave it null to follow the load balancer.`,
      ],
    ],
  };
}

/** A service's task size: Fargate CPU units and a memory size valid for them (the config's FARGATE_SIZES). */
function serviceSize(service: "dashboard" | "scheduler" | "renderer" | "pirana"): ModuleVariable[] {
  const sizes = `{ ${Object.entries(FARGATE_SIZES)
    .map(([cpu, memory]) => `"${cpu}" = [${memory.join(", ")}]`)
    .join(", ")} }`;
  return [
    {
      name: `${service}_cpu`,
      type: "number",
      configPath: `compute.${service}.cpu`,
      validations: [[`contains([${FARGATE_CPUS.join(", ")}], var.${service}_cpu)`, `${service}_cpu must be a Fargate CPU value: ${FARGATE_CPUS.join(", ")}.`]],
    },
    {
      name: `${service}_memory_mib`,
      type: "number",
      configPath: `compute.${service}.memoryMib`,
      validations: [
        [
          `contains(lookup(${sizes}, tostring(var.${service}_cpu), []), var.${service}_memory_mib)`,
          `${service}_memory_mib must be a Fargate memory size for ${service}_cpu (e.g. 1024 CPU: 2048 to 8192 in steps of 1024).`,
        ],
        ...(service === "dashboard"
          ? ([
              [
                `var.dashboard_memory_mib >= ${MIN_DASHBOARD_MEMORY_MIB}`,
                `dashboard_memory_mib must be at least ${MIN_DASHBOARD_MEMORY_MIB} (Tomcat and the dashboard need it).`,
              ],
            ] as const)
          : []),
      ],
    },
  ];
}

/** The environment every variant starts from: placeholders that the variables replace. */
function baseEnvironment(combination: Combination) {
  const document = {
    project: "module",
    environments: {
      module: {
        region: "eu-west-2",
        accountId: "000000000000",
        lifecycle: "protect",
        network: {
          mode: "existing",
          vpcId: "vpc-00000000000000000",
          subnetIds: {
            public: ["subnet-00000000000000001", "subnet-00000000000000002"],
            app: ["subnet-00000000000000003", "subnet-00000000000000004"],
            data: ["subnet-00000000000000005", "subnet-00000000000000006"],
          },
        },
        edge: { domainName: "module.example.com", hostedZoneId: "Z00000000000000000000", waf: { enabled: combination.waf } },
        // images.public lets the placeholder ghcr.io repositories pass preflight; the module's own validation decides
        compute: { images: { public: true }, renderer: { enabled: combination.renderer }, pirana: { enabled: combination.pirana } },
        uploads: { enabled: combination.uploads },
      },
    },
  };
  const loaded = loadConfig(document);
  if (!loaded.ok) throw new Error(formatIssues("module base config", loaded.issues));
  return loaded.environments[0];
}

export function applicationVariant(combination: Combination): ModuleVariant {
  const base = baseEnvironment(combination);
  // Switch inputs decide which variant is built; every other input replaces its field with a token.
  const values = new Map(
    APPLICATION_VARIABLES.flatMap((v) => (v.configPath && !SWITCH_VARIABLES.includes(v) ? [[v.configPath, variableToken(v)] as const] : [])),
  );
  const stack = new PanintelligenceStack(Testing.app(), "module", { config: withValues(base, values) });
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}
