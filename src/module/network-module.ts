/**
 * `terraform-modules/panintelligence-network`: the VPC tier alone, built from the Network construct. Two or three
 * zones (the third zone's resources are a switch), one NAT gateway or one per zone, flow logs and the S3 gateway
 * endpoint are switches; the subnet CIDRs are derived from the VPC CIDR the way the CDKTF app derives them.
 */
import { Fn, TerraformOutput, TerraformStack, Testing, Token, ref } from "cdktf";
import { formatIssues } from "../config/issues";
import { loadConfig } from "../config/load";
import { SUBNET_TIERS } from "../config/schema/resolve";
import { Network } from "../tiers/network/network";
import type { ModuleVariant } from "./module-build";
import type { Combination, Switch } from "./switches";
import { variableToken, withValues, type ModuleVariable } from "./variable-spec";
import { APPLICATION_VARIABLES } from "./application-module";

export const NETWORK_SWITCHES: readonly Switch[] = [
  { name: "thirdZone", condition: "length(var.availability_zones) == 3" },
  { name: "natPerZone", condition: 'var.nat_gateways == "perAz"' },
  { name: "flowLogs", condition: "var.enable_flow_logs" },
  { name: "s3Gateway", condition: "var.enable_s3_gateway_endpoint" },
];

const shared = (name: string) => APPLICATION_VARIABLES.find((v) => v.name === name)!;

export const NETWORK_VARIABLES: readonly ModuleVariable[] = [
  shared("name"),
  shared("region"),
  shared("account_id"),
  { name: "cidr", type: "string", configPath: "network.cidr" },
  {
    name: "availability_zones",
    type: "list(string)",
    description: "Two or three availability zones of the region; each gets a public, an app and a data subnet.",
    validations: [["length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3", "availability_zones needs two or three zones."]],
  },
  { name: "subnet_newbits", type: "number", configPath: "network.subnetNewBits" },
  { name: "nat_gateways", type: "string", configPath: "network.natGateways" },
  { name: "enable_flow_logs", type: "bool", configPath: "network.flowLogs.enabled" },
  { name: "flow_log_traffic_type", type: "string", configPath: "network.flowLogs.trafficType" },
  { name: "enable_s3_gateway_endpoint", type: "bool", configPath: "network.endpoints.s3Gateway" },
  shared("log_retention_days"),
];

const SWITCH_INPUTS = new Set(["availability_zones", "nat_gateways", "enable_flow_logs", "enable_s3_gateway_endpoint"]);

function baseEnvironment(combination: Combination) {
  const loaded = loadConfig({
    project: "module",
    environments: {
      module: {
        region: "eu-west-2",
        accountId: "000000000000",
        edge: { domainName: "module.example.com", hostedZoneId: "Z00000000000000000000" },
        compute: { images: { public: true } }, // only the network is kept; the images need not pass preflight
        network: {
          mode: "create",
          azCount: combination.thirdZone ? 3 : 2,
          natGateways: combination.natPerZone ? "perAz" : "single",
          flowLogs: { enabled: combination.flowLogs },
          endpoints: { s3Gateway: combination.s3Gateway, interface: [] },
        },
      },
    },
  });
  if (!loaded.ok) throw new Error(formatIssues("module base config", loaded.issues));
  return loaded.environments[0];
}

export function networkVariant(combination: Combination): ModuleVariant {
  const base = baseEnvironment(combination);
  if (base.network.mode !== "create") throw new Error("network module: base config must create a VPC");
  const values = new Map<string, unknown>(
    NETWORK_VARIABLES.flatMap((v) => (v.configPath && !SWITCH_INPUTS.has(v.name) ? [[v.configPath, variableToken(v)] as const] : [])),
  );
  const zoneCount = base.network.availabilityZones.length;
  const zones = ref("var.availability_zones");
  values.set(
    "network.availabilityZones",
    Array.from({ length: zoneCount }, (_, i) => Token.asString(Fn.element(zones, i))),
  );
  // The app's derivation (config/schema/resolve.ts): each tier owns a third of the slots, zone i takes slot i of it.
  for (const [tierIndex, tier] of SUBNET_TIERS.entries()) {
    values.set(
      `network.subnets.${tier}`,
      Array.from({ length: zoneCount }, (_, i) => `\${cidrsubnet(var.cidr, var.subnet_newbits, ${tierIndex} * floor(pow(2, var.subnet_newbits) / 3) + ${i})}`),
    );
  }
  const config = withValues(base, values);
  const stack = new TerraformStack(Testing.app(), "network");
  const network = new Network(stack, "network", {
    prefix: config.prefix,
    region: config.region,
    accountId: config.accountId,
    network: config.network,
    logRetentionDays: config.logs.retentionDays,
  });
  new TerraformOutput(stack, "vpc_id", { value: network.vpcId, description: "Id of the VPC." });
  for (const tier of SUBNET_TIERS) {
    new TerraformOutput(stack, `${tier}_subnet_ids`, {
      value: network.subnetIds[tier],
      description: `Ids of the ${tier} subnets, in availability-zone order: pass them to the panintelligence module's ${tier}_subnet_ids.`,
    });
  }
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}
