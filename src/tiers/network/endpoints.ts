/** Optional VPC endpoints: S3 (gateway, free) and interface endpoints that keep AWS API traffic off the NAT. */
import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

export interface VpcEndpointsProps {
  readonly prefix: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Route tables that get the S3 gateway route (the private ones). */
  readonly privateRouteTableIds: readonly string[];
  /** Subnets the interface endpoints live in (the app tier). */
  readonly subnetIds: readonly string[];
  readonly s3Gateway: boolean;
  readonly interfaceServices: readonly string[];
}

export class VpcEndpoints extends Construct {
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
      description: "HTTPS from inside the VPC to the interface endpoints",
      vpcId: props.vpcId,
      tags: { Name: `${props.prefix}-vpc-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, "https_from_vpc", {
      securityGroupId: securityGroup.id,
      description: "HTTPS from the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
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
