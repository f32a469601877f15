/** Optional VPC endpoints: S3 (gateway, free) and interface endpoints that keep AWS API traffic off the NAT. */
import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

export interface VpcEndpointsProps {
  readonly prefix: string;
  readonly region: string;
  readonly vpcId: string;
  /** Route tables that get the S3 gateway route (the private ones). */
  readonly privateRouteTableIds: readonly string[];
  /** Subnets the interface endpoints live in (the app tier). */
  readonly subnetIds: readonly string[];
  readonly s3Gateway: boolean;
  readonly interfaceServices: readonly string[];
}

export class VpcEndpoints extends Construct {
  /**
   * Security group for everything that calls AWS APIs through the interface endpoints (ECS tasks pulling from ECR,
   * reading secrets, writing logs). The endpoints admit HTTPS from this group only, not from an address range.
   */
  public readonly clientSecurityGroupId?: string;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    if (props.s3Gateway) {
      new VpcEndpoint(this, "s3", {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...props.privateRouteTableIds],
        tags: { Name: `${props.prefix}-s3` },
      });
    }
    if (props.interfaceServices.length === 0) return;

    const securityGroup = new SecurityGroup(this, "security_group", {
      name: `${props.prefix}-vpc-endpoints`,
      description: "Interface endpoints: HTTPS from endpoint clients only",
      vpcId: props.vpcId,
      tags: { Name: `${props.prefix}-vpc-endpoints` },
    });
    const clients = new SecurityGroup(this, "client_security_group", {
      name: `${props.prefix}-endpoint-clients`,
      description: "Attached to tasks and functions that call AWS APIs through the interface endpoints",
      vpcId: props.vpcId,
      tags: { Name: `${props.prefix}-endpoint-clients` },
    });
    new VpcSecurityGroupIngressRule(this, "https_from_clients", {
      securityGroupId: securityGroup.id,
      description: "HTTPS from endpoint clients",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: clients.id,
    });
    this.clientSecurityGroupId = clients.id;
    for (const service of props.interfaceServices) {
      new VpcEndpoint(this, service.replace(/\./g, "_"), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [securityGroup.id],
        tags: { Name: `${props.prefix}-${service}` },
      });
    }
  }
}
