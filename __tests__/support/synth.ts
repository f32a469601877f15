/** Test support: synthesise one environment from a config fragment and read the Terraform JSON back. */
import { Testing } from "cdktf";
import { loadConfig } from "../../src/config/load";
import { formatIssues } from "../../src/config/issues";
import type { EnvironmentConfig } from "../../src/config/schema/resolve";
import { loadSynthJson } from "../../src/policy/load-synth";
import { PanintelligenceStack } from "../../src/stack";

export type TerraformJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, unknown>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
  output?: Record<string, { value: unknown; description?: string }>;
};

/** The minimal valid environment: every required setting, nothing else. */
export const BASE_ENVIRONMENT = {
  region: "eu-west-2",
  accountId: "123456789012",
  edge: { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00" },
} as const;

/** An existing-VPC `network` section: the VPC and two subnets per tier. */
export const EXISTING_NETWORK = {
  mode: "existing",
  vpcId: "vpc-0123456789abcdef0",
  subnetIds: {
    public: ["subnet-00000000000000a01", "subnet-00000000000000a02"],
    app: ["subnet-00000000000000b01", "subnet-00000000000000b02"],
    data: ["subnet-00000000000000c01", "subnet-00000000000000c02"],
  },
} as const;

/**
 * Settings every test environment shares, deep-merged under it: the vendor's ghcr.io images, taken as pullable
 * without credentials (preflight refuses ghcr.io without credentials unless `images.public`; tested in bad-configs).
 */
export const TEST_DEFAULTS = { compute: { images: { public: true } } } as const;

export function configFor(environment: Record<string, unknown>, name = "test"): EnvironmentConfig {
  const loaded = loadConfig({ project: "pi", defaults: TEST_DEFAULTS, environments: { [name]: { ...BASE_ENVIRONMENT, ...environment } } });
  if (!loaded.ok) throw new Error(formatIssues("test config", loaded.issues));
  return loaded.environments[0];
}

export function synthEnvironment(environment: Record<string, unknown> = {}): { json: TerraformJson; config: EnvironmentConfig } {
  const config = configFor(environment);
  const stack = new PanintelligenceStack(Testing.app(), config.name, { config });
  return { json: JSON.parse(Testing.synth(stack)) as TerraformJson, config };
}

/** All resources of one type as [logical name, attributes] pairs. */
export function resourcesOf(json: TerraformJson, type: string): Array<[string, Record<string, any>]> {
  return Object.entries(json.resource?.[type] ?? {});
}

/**
 * All instances of one type as [address, attributes] pairs, with count and for_each expanded the way Terraform does
 * (through the policy engine's reader): what a `for_each` over the config's list really creates.
 */
export function instancesOf(json: TerraformJson, type: string): Array<[string, Record<string, any>]> {
  return loadSynthJson(json)
    .resources.filter((r) => r.type === type && r.mode === "managed")
    .map((r) => [r.address, r.body as Record<string, any>]);
}

/** The same JSON with only the resources of one tier (logical ids start with the tier construct's id + "_"). */
export function onlyTier(json: TerraformJson, tierId: string): TerraformJson {
  const resource: NonNullable<TerraformJson["resource"]> = {};
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    const kept = Object.entries(byName).filter(([name]) => name.startsWith(`${tierId}_`));
    if (kept.length > 0) resource[type] = Object.fromEntries(kept);
  }
  return { ...json, resource: Object.keys(resource).length > 0 ? resource : undefined };
}

/** `${aws_x.name.attr}` for a resource, as cdktf renders references. */
export function ref(type: string, name: string, attribute = "id"): string {
  return `\${${type}.${name}.${attribute}}`;
}

/** Terraform JSON allows a single nested block as an object or a one-element list: always get a list. */
export function blocks<T = Record<string, any>>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}
