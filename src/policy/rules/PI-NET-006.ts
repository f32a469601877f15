import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { isInternet, isLoadBalancerGroup, opensAllPorts, ownerGroup, portRange, protocolOf, sgRulesOf } from "./lib/network";

/** The external checks an internet-facing port range falls under: SSH, RDP, all ports. */
function internetRefs(protocol: string, range: readonly [number, number]): readonly string[] {
  const covers = (port: number): boolean => protocol === "all" || (range[0] <= port && port <= range[1]);
  return [
    ...(covers(22) ? ["CKV_AWS_24", "EC2.13"] : []),
    ...(covers(3389) ? ["CKV_AWS_25", "EC2.14"] : []),
    ...(opensAllPorts(protocol, range) ? ["CKV_AWS_277"] : []),
    "EC2.18",
    "EC2.19",
    "AWS-0107",
  ];
}

/** SecurityGroupIngressRestricted: only the load balancer's group takes traffic from networks; the rest from groups. */
export const securityGroupIngressRestricted: Rule = {
  id: "PI-NET-006",
  title: "Internet ingress only on TCP 80/443 to the load balancer's group; other groups only from security groups",
  severity: "CRITICAL",
  resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  relatedTypes: ["aws_lb"],
  defaultEnabled: true,
  externalIds: {
    checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"],
    trivy: ["AWS-0107"],
    securityHub: ["EC2.18", "EC2.19", "EC2.13", "EC2.14", "EC2.53", "EC2.54"],
    cdkNag: ["AwsSolutions-EC23", "AwsSolutions-RDS8"],
  },
  rationale: "Tasks, the database and EFS must be reachable only through the load balancer and each other, never by address.",
  check(resource: Resource, ctx: Context): Verdict {
    const rules = sgRulesOf(resource).filter((r) => r.direction === "ingress");
    if (resource.type !== "aws_security_group" && rules.length === 0) return notApplicable("an egress rule");
    const a = new Assessment();
    const owner = ownerGroup(resource, ctx);
    const lbGroup = !isUnknown(owner) && isLoadBalancerGroup(owner, ctx);
    for (const r of rules.filter((r) => r.networks.length > 0)) {
      // internet ingress beyond TCP 80/443 fails whichever group it belongs to
      if (r.networks.some(isInternet)) {
        const protocol = protocolOf(r.protocol);
        const range = isUnknown(protocol) ? protocol : portRange(protocol, r.fromPort, r.toPort);
        if (isUnknown(range)) {
          a.unknown(`${r.label}: ${range.reason}`);
          continue;
        }
        if (protocol !== "tcp" || range[0] !== range[1] || (range[0] !== 80 && range[0] !== 443)) {
          a.fail(
            `${r.label}: internet ingress ${String(protocol)} ${range[0]}-${range[1]}, expected TCP 80 or 443 only`,
            internetRefs(protocol as string, range),
          );
          continue;
        }
      }
      // the rest of the condition is ours: only the load balancer's group takes traffic from networks at all
      if (isUnknown(owner)) a.unknown(`${r.label}: ${owner.reason}`, []);
      else if (!lbGroup)
        a.fail(`${r.label}: ingress from ${JSON.stringify(r.networks)} on ${owner.address}, which no aws_lb uses; expected security-group sources only`, []);
    }
    return a.verdict(lbGroup ? "internet ingress only on TCP 80/443 of the load balancer's group" : "ingress only from security groups");
  },
};
