/**
 * Defaults that depend on other settings (the environment's name, region or lifecycle). Static defaults live in the
 * zod schema beside each field; these are the only other place a default is decided, and each is named in the
 * field's description.
 */
import { resolve as resolvePath } from "node:path";
import { cidrSubnet, formatCidr, parseCidr } from "../cidr";
import { zonesOf } from "../data/tables";
import type { BackupConfig } from "./backup";
import { parameterGroupFamilyFor, type DatabaseConfig } from "./database";
import type { ParsedEnvironment } from "./environment";
import type { ResolvedEdge } from "./edge";
import type { CreatedNetworkConfig, ExistingNetworkConfig } from "./network";

export const SUBNET_TIERS = ["public", "app", "data"] as const;
export type SubnetTier = (typeof SUBNET_TIERS)[number];

export interface ResolvedCreatedNetwork extends Omit<CreatedNetworkConfig, "subnets" | "availabilityZones"> {
  readonly availabilityZones: readonly string[];
  readonly subnets: Readonly<Record<SubnetTier, readonly string[]>>;
}

export type ResolvedNetwork = ResolvedCreatedNetwork | ExistingNetworkConfig;

export type ResolvedState =
  | { readonly backend: "local"; readonly path: string }
  | { readonly backend: "s3"; readonly bucket: string; readonly key: string; readonly region: string; readonly kmsKeyId?: string };

/** The database section with its lifecycle-dependent defaults decided. */
export interface ResolvedDatabase extends Omit<DatabaseConfig, "multiAz" | "backupRetentionDays" | "parameterGroupFamily"> {
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly parameterGroupFamily: string;
}

/** The backup section with its lifecycle-dependent defaults decided. */
export interface ResolvedBackup extends Omit<BackupConfig, "retentionDays"> {
  readonly retentionDays: number;
}

/** A validated, fully defaulted environment: what the stack is built from. */
export interface EnvironmentConfig extends Omit<ParsedEnvironment, "network" | "state" | "logs" | "edge" | "database" | "backup"> {
  readonly name: string;
  readonly project: string;
  /** `<project>-<name>`: the prefix of every resource name. */
  readonly prefix: string;
  readonly logs: { readonly retentionDays: number };
  readonly state: ResolvedState;
  readonly network: ResolvedNetwork;
  readonly edge: ResolvedEdge;
  readonly database: ResolvedDatabase;
  readonly backup: ResolvedBackup;
}

export const DEFAULT_AZ_COUNT = 2;

export const LOG_RETENTION_BY_LIFECYCLE = { protect: 365, ephemeral: 30 } as const;
export const DB_BACKUP_RETENTION_BY_LIFECYCLE = { protect: 14, ephemeral: 7 } as const;
export const BACKUP_PLAN_RETENTION_BY_LIFECYCLE = { protect: 35, ephemeral: 7 } as const;

/**
 * @param configDir the config file's directory: relative paths in the config (the initialiser's seed folder) are
 * resolved against it.
 */
export function resolveEnvironment(project: string, name: string, env: ParsedEnvironment, configDir = "."): EnvironmentConfig {
  return {
    ...env,
    name,
    project,
    prefix: `${project}-${name}`,
    logs: { retentionDays: env.logs.retentionDays ?? LOG_RETENTION_BY_LIFECYCLE[env.lifecycle] },
    state:
      env.state.backend === "local"
        ? { backend: "local", path: env.state.path ?? `terraform.${name}.tfstate` }
        : {
            backend: "s3",
            bucket: env.state.bucket,
            key: env.state.key ?? `panintelligence/${name}/terraform.tfstate`,
            region: env.state.region ?? env.region,
            ...(env.state.kmsKeyId ? { kmsKeyId: env.state.kmsKeyId } : {}),
          },
    network: env.network.mode === "create" ? resolveCreatedNetwork(env.region, env.network) : env.network,
    edge: { ...env.edge, waf: { ...env.edge.waf, enabled: env.edge.waf.enabled ?? env.lifecycle === "protect" } },
    database: {
      ...env.database,
      multiAz: env.database.multiAz ?? env.lifecycle === "protect",
      backupRetentionDays: env.database.backupRetentionDays ?? DB_BACKUP_RETENTION_BY_LIFECYCLE[env.lifecycle],
      // An unparseable version was already reported by the schema.
      parameterGroupFamily: env.database.parameterGroupFamily ?? parameterGroupFamilyFor(env.database.engineVersion) ?? "",
    },
    backup: { ...env.backup, retentionDays: env.backup.retentionDays ?? BACKUP_PLAN_RETENTION_BY_LIFECYCLE[env.lifecycle] },
    initialiser: {
      ...env.initialiser,
      ...(env.initialiser.seedDir === undefined ? {} : { seedDir: resolvePath(configDir, env.initialiser.seedDir) }),
    },
  };
}

function resolveCreatedNetwork(region: string, network: CreatedNetworkConfig): ResolvedCreatedNetwork {
  // The region's zones in table order (ap-northeast-1 has no b for new accounts); letters a, b, … for a region the
  // table lacks (preflight reports it).
  const known = zonesOf(region)?.usable ?? [];
  const availabilityZones =
    network.availabilityZones ?? Array.from({ length: network.azCount ?? DEFAULT_AZ_COUNT }, (_, i) => known[i] ?? `${region}${String.fromCharCode(97 + i)}`);
  const tierSubnets = (tier: SubnetTier) => network.subnets[tier] ?? deriveSubnets(network, tier, availabilityZones.length);
  const subnets = { public: tierSubnets("public"), app: tierSubnets("app"), data: tierSubnets("data") };
  return { ...network, availabilityZones, subnets };
}

/** Slots per tier: each tier owns a fixed third of the address slots, so zone i keeps its CIDR as zones are added. */
export function slotsPerTier(newbits: number): number {
  return Math.floor(2 ** newbits / SUBNET_TIERS.length);
}

function deriveSubnets(network: CreatedNetworkConfig, tier: SubnetTier, zoneCount: number): string[] {
  const vpc = parseCidr(network.cidr);
  const slots = slotsPerTier(network.subnetNewBits);
  // Unparseable or too-small VPCs are reported by preflight; derive nothing rather than throw here.
  if (!vpc || zoneCount > slots || vpc.prefix + network.subnetNewBits > 28) return [];
  const offset = SUBNET_TIERS.indexOf(tier) * slots;
  return Array.from({ length: zoneCount }, (_, i) => formatCidr(cidrSubnet(vpc, network.subnetNewBits, offset + i)));
}
