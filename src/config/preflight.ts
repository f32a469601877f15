/**
 * Checks that need no AWS call but more than one field at a time: CIDR layout, zones, subnet counts, name lengths.
 * Each check returns issues with paths relative to the environment (e.g. `network.subnets.app[1]`).
 */
import { contains, overlaps, parseCidr, type Ipv4Block } from "./cidr";
import type { ConfigIssue } from "./issues";
import { checkAwsLimits } from "./preflight-aws-limits";
import { checkCompute } from "./preflight-compute";
import { checkData } from "./preflight-data";
import { checkDuplicates } from "./preflight-duplicates";
import { checkEdge } from "./preflight-edge";
import { checkImages } from "./preflight-images";
import { checkSeedDir } from "./preflight-lambdas";
import { checkWaivers } from "./preflight-policy";
import { checkRuntime } from "./preflight-runtime";
import { SUBNET_TIERS, slotsPerTier, type EnvironmentConfig, type ResolvedCreatedNetwork } from "./schema/resolve";
import type { ExistingNetworkConfig } from "./schema/network";

/** Longest `<project>-<environment>` that keeps every derived name within AWS limits (target groups: 32 chars). */
export const MAX_PREFIX_LENGTH = 24;

export function preflight(env: EnvironmentConfig): ConfigIssue[] {
  const issues = [
    ...checkPrefix(env),
    ...(env.network.mode === "create" ? checkCreatedNetwork(env.region, env.network) : checkExistingNetwork(env.network)),
    ...checkEdge(env),
    ...checkData(env),
    ...checkWaivers(env),
    ...checkSeedDir(env),
    ...checkCompute(env),
    ...checkImages(env),
    ...checkAwsLimits(env),
    ...checkRuntime(env),
  ];
  // A repeated entry a specific check already explained is not reported twice.
  const explained = new Set(issues.map((issue) => issue.path));
  return [...issues, ...checkDuplicates(env).filter((issue) => !explained.has(issue.path))];
}

function checkPrefix(env: EnvironmentConfig): ConfigIssue[] {
  if (env.prefix.length <= MAX_PREFIX_LENGTH) return [];
  return [
    {
      path: "",
      message:
        `resource-name prefix "${env.prefix}" is ${env.prefix.length} characters; project + "-" + environment name must be ` +
        `at most ${MAX_PREFIX_LENGTH} so derived names fit AWS limits. Shorten \`project\` or the environment key`,
    },
  ];
}

function checkCreatedNetwork(region: string, network: ResolvedCreatedNetwork): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const zones = network.availabilityZones;
  zones.forEach((zone, i) => {
    if (!zone.startsWith(region)) {
      issues.push({ path: `network.availabilityZones[${i}]`, message: `must be a zone of region ${region}`, value: zone });
    }
    if (zones.indexOf(zone) !== i) {
      issues.push({ path: `network.availabilityZones[${i}]`, message: "is listed twice; every zone once", value: zone });
    }
  });
  if (network.azCount !== undefined && network.azCount !== zones.length) {
    issues.push({
      path: "network.azCount",
      message: `disagrees with the ${zones.length} zones in availabilityZones; give one or the other`,
      value: network.azCount,
    });
  }

  const vpc = parseCidr(network.cidr);
  if (!vpc) return issues; // the schema already reported the syntax
  if (vpc.prefix < 16 || vpc.prefix > 24) {
    issues.push({ path: "network.cidr", message: "VPC prefix must be between /16 and /24", value: network.cidr });
    return issues;
  }
  const slots = slotsPerTier(network.subnetNewBits);
  const derivedTiers = SUBNET_TIERS.filter((tier) => network.subnets[tier].length === 0);
  if (derivedTiers.length > 0) {
    if (vpc.prefix + network.subnetNewBits > 28) {
      issues.push({
        path: "network.subnetNewBits",
        message: `/${vpc.prefix} + ${network.subnetNewBits} = /${vpc.prefix + network.subnetNewBits}, smaller than the /28 AWS minimum; lower it or give network.subnets explicitly`,
        value: network.subnetNewBits,
      });
    } else if (zones.length > slots) {
      issues.push({
        path: "network.subnetNewBits",
        message: `leaves ${slots} subnet slots per tier, fewer than the ${zones.length} zones; raise it or give network.subnets explicitly`,
        value: network.subnetNewBits,
      });
    }
  }

  const seen: { path: string; block: Ipv4Block; text: string }[] = [];
  for (const tier of SUBNET_TIERS) {
    const cidrs = network.subnets[tier];
    if (cidrs.length > 0 && cidrs.length !== zones.length) {
      issues.push({
        path: `network.subnets.${tier}`,
        message: `has ${cidrs.length} CIDRs for ${zones.length} availability zones; give exactly one per zone`,
        value: cidrs,
      });
    }
    cidrs.forEach((text, i) => {
      const path = `network.subnets.${tier}[${i}]`;
      const block = parseCidr(text);
      if (!block) return;
      if (!contains(vpc, block)) {
        issues.push({ path, message: `must lie inside the VPC CIDR ${network.cidr}`, value: text });
      } else if (block.prefix > 28) {
        issues.push({ path, message: "must be /28 or larger (AWS minimum subnet size)", value: text });
      }
      const clash = seen.find((other) => overlaps(other.block, block));
      if (clash) issues.push({ path, message: `overlaps ${clash.path} (${clash.text}); subnets must not overlap`, value: text });
      seen.push({ path, block, text });
    });
  }
  return issues;
}

function checkExistingNetwork(network: ExistingNetworkConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstSeen = new Map<string, string>();
  for (const tier of SUBNET_TIERS) {
    network.subnetIds[tier].forEach((id, i) => {
      const path = `network.subnetIds.${tier}[${i}]`;
      const earlier = firstSeen.get(id);
      if (earlier) issues.push({ path, message: `repeats ${earlier}; each subnet belongs to one tier, once`, value: id });
      else firstSeen.set(id, path);
    });
    const zones = network.availabilityZones;
    if (zones && network.subnetIds[tier].length !== zones.length) {
      issues.push({
        path: `network.subnetIds.${tier}`,
        message: `has ${network.subnetIds[tier].length} subnets but availabilityZones lists ${zones.length}; give one subnet per zone`,
        value: network.subnetIds[tier],
      });
    }
  }
  const zones = network.availabilityZones ?? [];
  if (new Set(zones).size !== zones.length) {
    issues.push({ path: "network.availabilityZones", message: "lists a zone twice; subnets of a tier must be in distinct zones", value: zones });
  }
  return issues;
}
