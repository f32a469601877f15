/**
 * Network ACL rules per subnet tier, as data. No rule allows all protocols, and every inbound range open to the
 * internet skips 20-22 and 3389 (scanners judge each rule alone, so the ephemeral range is split around 3389).
 */
export interface NaclRule {
  readonly egress: boolean;
  readonly cidr: string;
  readonly fromPort: number;
  readonly toPort: number;
}

const ANYWHERE = "0.0.0.0/0";

/** Return traffic from the internet: 1024-65535 without 3389 (RDP). */
function ephemeralFromInternet(): NaclRule[] {
  return [
    { egress: false, cidr: ANYWHERE, fromPort: 1024, toPort: 3388 },
    { egress: false, cidr: ANYWHERE, fromPort: 3390, toPort: 65535 },
  ];
}

/** Public subnets: the ALB takes 80/443 from anyone; NAT gateways forward the app tier's internet traffic. */
export function publicNaclRules(vpcCidr: string, internetEgressPorts: readonly number[]): NaclRule[] {
  return [
    { egress: false, cidr: ANYWHERE, fromPort: 443, toPort: 443 },
    { egress: false, cidr: ANYWHERE, fromPort: 80, toPort: 80 },
    ...internetEgressPorts.filter((port) => port !== 443 && port !== 80).map((port) => ({ egress: false, cidr: vpcCidr, fromPort: port, toPort: port })),
    ...ephemeralFromInternet(),
    ...internetEgressPorts.map((port) => ({ egress: true, cidr: ANYWHERE, fromPort: port, toPort: port })),
    // Replies to clients and NAT'd replies to the app tier, and the ALB's connections to targets.
    { egress: true, cidr: ANYWHERE, fromPort: 1024, toPort: 65535 },
  ];
}

/** App subnets: tasks, EFS mount targets and Lambdas talk inside the VPC and reach the internet only through NAT. */
export function appNaclRules(vpcCidr: string, internetEgressPorts: readonly number[]): NaclRule[] {
  return [
    { egress: false, cidr: vpcCidr, fromPort: 1024, toPort: 65535 },
    { egress: false, cidr: vpcCidr, fromPort: 443, toPort: 443 },
    ...ephemeralFromInternet(),
    ...internetEgressPorts.map((port) => ({ egress: true, cidr: ANYWHERE, fromPort: port, toPort: port })),
    { egress: true, cidr: vpcCidr, fromPort: 443, toPort: 443 },
    { egress: true, cidr: vpcCidr, fromPort: 1024, toPort: 65535 },
  ];
}

/** Data subnets: MariaDB from the app tier only, replies back to it; nothing else. */
export function dataNaclRules(appCidrs: readonly string[]): NaclRule[] {
  return appCidrs.flatMap((cidr) => [
    { egress: false, cidr, fromPort: 3306, toPort: 3306 },
    { egress: true, cidr, fromPort: 1024, toPort: 65535 },
  ]);
}
