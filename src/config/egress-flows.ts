/**
 * Where the services may connect beyond the stack, decided once from the config and applied by two tiers: the compute
 * tier turns each flow into security-group egress rules on the services named, the network tier (created VPC) into
 * network-ACL rules, so the two layers can never disagree. The policy report waives PI-NET-007 (egress beyond 443) for
 * exactly these rules, naming the setting (design-waivers.ts).
 *
 * - `compute.dataSources`: each source's ports to its CIDRs, prefix lists or security groups, for its services.
 * - `compute.smtp`: the mail port to the mail server's CIDRs, for the dashboard and the scheduler (they send mail).
 * - `network.internetEgressPorts` other than 443 (every task has 443 already): to anywhere, for the dashboard and
 *   the scheduler, the services that reach out on their own (mail, licence check, web data sources).
 */
import type { ComputeConfig } from "./schema/compute";
import type { ResolvedNetwork } from "./schema/resolve";

export type EgressService = "dashboard" | "scheduler" | "pirana";

export type EgressDestination = { readonly cidr: string } | { readonly prefixListId: string } | { readonly securityGroupId: string };

export interface EgressFlow {
  /** Stable id for resource names: `<source>_<port>_<n>`. */
  readonly id: string;
  readonly description: string;
  /** The setting that asks for it, e.g. `compute.dataSources[0]`. */
  readonly setting: string;
  readonly services: readonly EgressService[];
  readonly port: number;
  readonly destination: EgressDestination;
}

/** Services that send mail: scheduled reports (scheduler) and alerts / shared reports (dashboard). */
const MAIL_SENDERS: readonly EgressService[] = ["dashboard", "scheduler"];

export function egressFlows(compute: ComputeConfig, network: ResolvedNetwork): EgressFlow[] {
  const flows: EgressFlow[] = [];
  const senders = MAIL_SENDERS.filter((s) => s !== "scheduler" || compute.scheduler.enabled);
  compute.dataSources.forEach((source, i) => {
    const destinations: EgressDestination[] = [
      ...source.cidrs.map((cidr) => ({ cidr })),
      ...source.prefixListIds.map((prefixListId) => ({ prefixListId })),
      ...source.securityGroupIds.map((securityGroupId) => ({ securityGroupId })),
    ];
    for (const port of source.ports) {
      for (const [n, destination] of destinations.entries()) {
        flows.push({
          id: `ds_${source.name.replace(/-/g, "_")}_${port}_${n}`,
          description: `data source ${source.name} ${port}`,
          setting: `compute.dataSources[${i}] (${source.name})`,
          services: source.services,
          port,
          destination,
        });
      }
    }
  });
  if (compute.smtp) {
    const { port } = compute.smtp;
    for (const [n, cidr] of compute.smtp.cidrs.entries()) {
      flows.push({ id: `smtp_${port}_${n}`, description: `SMTP mail ${port}`, setting: "compute.smtp", services: senders, port, destination: { cidr } });
    }
  }
  if (network.mode === "create") {
    for (const port of network.internetEgressPorts.filter((p) => p !== 443)) {
      if (flows.some((f) => f.port === port && "cidr" in f.destination && f.destination.cidr === "0.0.0.0/0")) continue;
      flows.push({
        id: `internet_${port}`,
        description: `internet ${port} (network.internetEgressPorts)`,
        setting: "network.internetEgressPorts",
        services: senders,
        port,
        destination: { cidr: "0.0.0.0/0" },
      });
    }
  }
  return flows;
}

/** A TCP destination a network ACL must let out (and, through NAT, the public subnets too). */
export interface AclEgress {
  readonly cidr: string;
  readonly port: number;
}

/**
 * The network-ACL side of the flows: CIDR destinations as they are; a source known only by security group lies in
 * this VPC (or a peered one whose CIDR the operator gives as `cidrs`), so its ports open to the VPC CIDR. Prefix lists
 * need `cidrs` beside them in a created network (preflight). Duplicates are dropped.
 */
export function aclEgress(flows: readonly EgressFlow[], vpcCidr: string): AclEgress[] {
  const seen = new Set<string>();
  const out: AclEgress[] = [];
  for (const flow of flows) {
    const cidr = "cidr" in flow.destination ? flow.destination.cidr : "securityGroupId" in flow.destination ? vpcCidr : undefined;
    if (cidr === undefined || seen.has(`${cidr}:${flow.port}`)) continue;
    seen.add(`${cidr}:${flow.port}`);
    out.push({ cidr, port: flow.port });
  }
  return out;
}

/** Terraform address of a flow's security-group rule on one service (fixed logical id, so waivers can name it). */
export function egressRuleAddress(service: EgressService, flow: EgressFlow): string {
  return `aws_vpc_security_group_egress_rule.${egressRuleLogicalId(service, flow)}`;
}

export function egressRuleLogicalId(service: EgressService, flow: EgressFlow): string {
  return `compute_egress_${service}_${flow.id}`;
}
