/**
 * Network tier. `create`: a VPC across the configured zones with public / private-app / private-data subnets, IGW,
 * NAT (single or per zone), route tables (data subnets get no internet route), NACLs on every subnet, flow logs, the
 * default security group emptied and optional VPC endpoints. `existing`: creates nothing and hands on the given ids.
 */
import { Construct } from "constructs";
import { Token } from "cdktf";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import type { ResolvedNetwork, SubnetTier } from "../../config/schema/resolve";
import { VpcEndpoints } from "./endpoints";
import { VpcFlowLogs } from "./flow-logs";
import { appNaclRules, dataNaclRules, publicNaclRules, type NaclRule } from "../../config/nacl-rules";
import { egressNaclRules, withoutDuplicates } from "./egress-acl";
import type { AclEgress } from "../../config/egress-flows";

export interface NetworkProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  /** The resolved `network` section of the environment. */
  readonly network: ResolvedNetwork;
  /** Retention of the flow-log group, in days. */
  readonly logRetentionDays: number;
  /** Destinations the services reach beyond the stack (data sources, mail): opened in the ACLs. @default none */
  readonly extraEgress?: readonly AclEgress[];
}

export class Network extends Construct {
  public readonly vpcId: string;
  /** Subnet ids per tier, in zone order. */
  public readonly subnetIds: Readonly<Record<SubnetTier, readonly string[]>>;
  /** Zones of the subnets, when known (always in create mode). */
  public readonly availabilityZones?: readonly string[];
  /**
   * Present when interface endpoints exist: attach it to every task or function that calls AWS APIs, so the
   * endpoints (which admit only this group) serve it.
   */
  public readonly endpointClientSecurityGroupId?: string;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    if (props.network.mode === "existing") {
      this.vpcId = props.network.vpcId;
      this.subnetIds = props.network.subnetIds;
      this.availabilityZones = props.network.availabilityZones;
      return;
    }
    const network = props.network;
    const { prefix } = props;
    const zones = network.availabilityZones;

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: network.cidr,
      enableDnsHostnames: true, // interface endpoints and EFS mount-target DNS need both
      enableDnsSupport: true,
      tags: { Name: prefix },
    });
    new DefaultSecurityGroup(this, "default_security_group", {
      vpcId: vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${prefix}-default-unused` },
    });

    const subnet = (tier: SubnetTier, index: number) =>
      new Subnet(this, `${tier}_${zoneSuffix(zones, index)}`, {
        vpcId: vpc.id,
        availabilityZone: zones[index],
        cidrBlock: network.subnets[tier][index],
        mapPublicIpOnLaunch: false, // nothing in the public tier needs an automatic public IP (ALB and NAT bring their own)
        tags: { Name: `${prefix}-${tier}-${zoneSuffix(zones, index)}`, Tier: tier },
      });
    const subnets = {
      public: zones.map((_, i) => subnet("public", i)),
      app: zones.map((_, i) => subnet("app", i)),
      data: zones.map((_, i) => subnet("data", i)),
    };

    const internetGateway = new InternetGateway(this, "internet_gateway", { vpcId: vpc.id, tags: { Name: prefix } });
    const publicRoutes = new RouteTable(this, "public_routes", { vpcId: vpc.id, tags: { Name: `${prefix}-public` } });
    new Route(this, "public_default_route", {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    });
    subnets.public.forEach((s, i) => {
      new RouteTableAssociation(this, `public_routes_${zoneSuffix(zones, i)}`, { subnetId: s.id, routeTableId: publicRoutes.id });
    });

    const natZones = network.natGateways === "perAz" ? zones : zones.slice(0, 1);
    const natGateways = natZones.map((_, i) => {
      const suffix = zoneSuffix(zones, i);
      const eip = new Eip(this, `nat_ip_${suffix}`, { domain: "vpc", tags: { Name: `${prefix}-nat-${suffix}` } });
      return new NatGateway(this, `nat_${suffix}`, {
        allocationId: eip.allocationId,
        subnetId: subnets.public[i].id,
        tags: { Name: `${prefix}-nat-${suffix}` },
        dependsOn: [internetGateway],
      });
    });

    // One app route table per zone, each through the NAT of its own zone when there is one per zone.
    const appRoutes = zones.map((_, i) => {
      const suffix = zoneSuffix(zones, i);
      const table = new RouteTable(this, `app_routes_${suffix}`, { vpcId: vpc.id, tags: { Name: `${prefix}-app-${suffix}` } });
      new Route(this, `app_default_route_${suffix}`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: natGateways[Math.min(i, natGateways.length - 1)].id,
      });
      new RouteTableAssociation(this, `app_routes_assoc_${suffix}`, { subnetId: subnets.app[i].id, routeTableId: table.id });
      return table;
    });
    // Data subnets: local routes only.
    const dataRoutes = new RouteTable(this, "data_routes", { vpcId: vpc.id, tags: { Name: `${prefix}-data` } });
    subnets.data.forEach((s, i) => {
      new RouteTableAssociation(this, `data_routes_${zoneSuffix(zones, i)}`, { subnetId: s.id, routeTableId: dataRoutes.id });
    });

    const extra = egressNaclRules(props.extraEgress ?? [], network.cidr);
    this.addNacl("public", vpc.id, subnets.public, withoutDuplicates(publicNaclRules(network.cidr, network.internetEgressPorts), extra.public), prefix);
    this.addNacl("app", vpc.id, subnets.app, withoutDuplicates(appNaclRules(network.cidr, network.internetEgressPorts), extra.app), prefix);
    this.addNacl("data", vpc.id, subnets.data, dataNaclRules(network.subnets.app), prefix);

    if (network.flowLogs.enabled) {
      new VpcFlowLogs(this, "flow_logs", {
        prefix,
        vpcId: vpc.id,
        accountId: props.accountId,
        trafficType: network.flowLogs.trafficType,
        retentionDays: props.logRetentionDays,
      });
    }
    const endpoints = new VpcEndpoints(this, "endpoints", {
      prefix,
      region: props.region,
      vpcId: vpc.id,
      privateRouteTableIds: [...appRoutes.map((t) => t.id), dataRoutes.id],
      subnetIds: subnets.app.map((s) => s.id),
      s3Gateway: network.endpoints.s3Gateway,
      interfaceServices: network.endpoints.interface,
    });

    this.vpcId = vpc.id;
    this.subnetIds = {
      public: subnets.public.map((s) => s.id),
      app: subnets.app.map((s) => s.id),
      data: subnets.data.map((s) => s.id),
    };
    this.availabilityZones = zones;
    this.endpointClientSecurityGroupId = endpoints.clientSecurityGroupId;
  }

  private addNacl(tier: SubnetTier, vpcId: string, subnets: readonly Subnet[], rules: readonly NaclRule[], prefix: string): void {
    const acl = new NetworkAcl(this, `${tier}_acl`, {
      vpcId,
      subnetIds: subnets.map((s) => s.id),
      tags: { Name: `${prefix}-${tier}` },
    });
    const numbers = { ingress: 100, egress: 100 };
    for (const rule of rules) {
      const direction = rule.egress ? "egress" : "ingress";
      const ruleNumber = numbers[direction];
      numbers[direction] += 10;
      new NetworkAclRule(this, `${tier}_acl_${direction}_${ruleNumber}`, {
        networkAclId: acl.id,
        ruleNumber,
        egress: rule.egress,
        protocol: "tcp",
        ruleAction: "allow",
        cidrBlock: rule.cidr,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
      });
    }
  }
}

/**
 * The zone's letter ("eu-west-2a" → "a"): stable ids that do not shift when zones are added. A zone only known to
 * Terraform (a module variable) gets the letter of its position.
 */
function zoneSuffix(zones: readonly string[], index: number): string {
  return Token.isUnresolved(zones[index]) ? String.fromCharCode(97 + index) : zones[index].slice(-1);
}
