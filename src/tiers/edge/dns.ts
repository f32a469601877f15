/** Route 53 alias records from the dashboard's names to the load balancer (A, plus AAAA when dual-stack). */
import { Construct } from "constructs";
import { Token } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface DnsAliasesProps {
  readonly hostedZoneId: string;
  /** Names to point at the load balancer; wildcards are skipped (they would capture every sub-domain). */
  readonly names: readonly string[];
  readonly loadBalancerDnsName: string;
  readonly loadBalancerZoneId: string;
  /** Also create AAAA records. */
  readonly ipv6: boolean;
}

export class DnsAliases extends Construct {
  constructor(scope: Construct, id: string, props: DnsAliasesProps) {
    super(scope, id);
    const names = props.names.filter((name) => !name.startsWith("*."));
    const types = props.ipv6 ? (["A", "AAAA"] as const) : (["A"] as const);
    names.forEach((name, index) => {
      // Ids from the name itself: reordering the names never replaces a record. A name only known to Terraform (a
      // module variable) is identified by its position instead.
      const nameId = Token.isUnresolved(name) ? `name_${index}` : name.replace(/[^a-z0-9]+/g, "_");
      for (const type of types) {
        new Route53Record(this, `${nameId}_${type.toLowerCase()}`, {
          zoneId: props.hostedZoneId,
          name,
          type,
          alias: { name: props.loadBalancerDnsName, zoneId: props.loadBalancerZoneId, evaluateTargetHealth: true },
        });
      }
    });
  }
}
