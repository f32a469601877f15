/**
 * Security-group egress of the services beyond the stack (data sources, mail), one rule per service, port and
 * destination, from the same flows the network tier opens in the ACLs (config/egress-flows.ts). Flows naming a service
 * that does not run are skipped (preflight refuses data sources that name one).
 */
import { Construct } from "constructs";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { egressRuleLogicalId, type EgressFlow } from "../../config/egress-flows";

export interface ServiceEgressProps {
  readonly flows: readonly EgressFlow[];
  /** The running services' security groups, by service name. */
  readonly services: ReadonlyMap<string, { readonly securityGroupId: string }>;
}

export class ServiceEgress extends Construct {
  constructor(scope: Construct, id: string, props: ServiceEgressProps) {
    super(scope, id);
    for (const flow of props.flows) {
      for (const name of flow.services) {
        const service = props.services.get(name);
        if (!service) continue;
        const d = flow.destination;
        const rule = new VpcSecurityGroupEgressRule(this, `${name}_${flow.id}`, {
          securityGroupId: service.securityGroupId,
          description: `${name} to ${flow.description}`,
          ipProtocol: "tcp",
          fromPort: flow.port,
          toPort: flow.port,
          ...("cidr" in d ? { cidrIpv4: d.cidr } : "prefixListId" in d ? { prefixListId: d.prefixListId } : { referencedSecurityGroupId: d.securityGroupId }),
        });
        // A fixed address: the policy report's design waiver for this declared egress names it (design-waivers.ts).
        rule.overrideLogicalId(egressRuleLogicalId(name, flow));
      }
    }
  }
}
