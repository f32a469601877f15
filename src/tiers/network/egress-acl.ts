/**
 * Network-ACL rules for the services' extra egress (data sources, mail: config/egress-flows.ts), appended after each
 * tier's own rules so existing rule numbers never shift. App subnets: out to the destination. Public subnets (the NAT
 * gateways), for destinations outside the VPC: in from the VPC on the port, out to the destination. Replies come back
 * on the ephemeral range both tiers already admit.
 */
import { contains, parseCidr } from "../../config/cidr";
import type { AclEgress } from "../../config/egress-flows";
import type { NaclRule } from "../../config/nacl-rules";

export function egressNaclRules(extra: readonly AclEgress[], vpcCidr: string): { app: NaclRule[]; public: NaclRule[] } {
  const vpc = parseCidr(vpcCidr);
  const outside = (cidr: string) => {
    const block = parseCidr(cidr);
    return !vpc || !block || !contains(vpc, block);
  };
  return {
    app: extra.map(({ cidr, port }) => ({ egress: true, cidr, fromPort: port, toPort: port })),
    public: extra
      .filter(({ cidr }) => outside(cidr))
      .flatMap(({ cidr, port }) => [
        { egress: false, cidr: vpcCidr, fromPort: port, toPort: port },
        { egress: true, cidr, fromPort: port, toPort: port },
      ]),
  };
}

/** `base` followed by the rules of `extra` that base does not already have (same direction, CIDR and ports). */
export function withoutDuplicates(base: readonly NaclRule[], extra: readonly NaclRule[]): NaclRule[] {
  const key = (r: NaclRule) => `${r.egress}:${r.cidr}:${r.fromPort}:${r.toPort}`;
  const seen = new Set(base.map(key));
  const out = [...base];
  for (const rule of extra) {
    if (seen.has(key(rule))) continue;
    seen.add(key(rule));
    out.push(rule);
  }
  return out;
}
