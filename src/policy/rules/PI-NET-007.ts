import { isUnknown, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { isInternet, opensAllPorts, portRange, protocolOf, sgRulesOf } from "./lib/network";

/** SecurityGroupEgressRestricted: network egress is HTTPS only (ECR, Secrets Manager, Logs via NAT); the rest by group. */
export const securityGroupEgressRestricted: Rule = {
  id: "PI-NET-007",
  title: "Egress to networks is TCP 443 only; internal egress by security-group reference",
  severity: "MEDIUM",
  resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_382"], trivy: [], securityHub: [], cdkNag: [] },
  rationale: "All-protocol egress lets a compromised task exfiltrate on any port; AWS-0104 (no internet egress at all) is an accepted exception.",
  check(resource: Resource): Verdict {
    const rules = sgRulesOf(resource).filter((r) => r.direction === "egress");
    if (resource.type !== "aws_security_group" && rules.length === 0) return notApplicable("an ingress rule");
    const a = new Assessment();
    for (const r of rules.filter((r) => r.networks.length > 0)) {
      const protocol = protocolOf(r.protocol);
      const range = isUnknown(protocol) ? protocol : portRange(protocol, r.fromPort, r.toPort);
      if (isUnknown(range)) a.unknown(`${r.label}: ${range.reason}`);
      else if (protocol !== "tcp" || range[0] !== 443 || range[1] !== 443)
        a.fail(
          `${r.label}: egress ${String(protocol)} ${range[0]}-${range[1]} to ${JSON.stringify(r.networks)}, expected TCP 443 only (or a security-group destination)`,
          // checkov flags only all-traffic egress to the internet; anything else beyond 443 is our stricter condition
          opensAllPorts(protocol as string, range) && r.networks.some(isInternet) ? ["CKV_AWS_382"] : [],
        );
    }
    return a.verdict("egress to networks only on TCP 443");
  },
};
