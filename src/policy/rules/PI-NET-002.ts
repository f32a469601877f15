import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { SG_RULE_TYPES } from "./lib/network";
import { blocks } from "./lib/values";

/** VPCDefaultSecurityGroupClosed: the default SG is adopted and emptied, so nothing can fall back on it. */
export const vpcDefaultSecurityGroupClosed: Rule = {
  id: "PI-NET-002",
  title: "Every VPC's default security group is managed and has no rules",
  severity: "HIGH",
  resourceTypes: ["aws_vpc"],
  relatedTypes: ["aws_default_security_group", ...SG_RULE_TYPES],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_12"], trivy: ["AWS-0173"], securityHub: ["EC2.2"], cdkNag: [] },
  rationale: "The default security group allows all traffic between its members; anything launched without a group gets it.",
  check(vpc: Resource, ctx: Context): Verdict {
    const groups = ctx.resourcesOfType("aws_default_security_group").filter((g) => ctx.refersTo(g.values.vpc_id, vpc));
    if (groups.length === 0) {
      return { status: "FAIL", message: `no aws_default_security_group has vpc_id = \${${vpc.address}.id}; expected one with no ingress or egress` };
    }
    const a = new Assessment();
    for (const g of groups) {
      for (const direction of ["ingress", "egress"] as const) {
        const n = blocks(g.values[direction]).length;
        if (n > 0) a.fail(`${g.address}.${direction} has ${n} rule(s), expected none`);
      }
      for (const type of SG_RULE_TYPES) {
        for (const r of ctx.resourcesOfType(type).filter((r) => ctx.refersTo(r.values.security_group_id, g))) {
          a.fail(`${r.address} adds a rule to ${g.address}, expected none`);
        }
      }
    }
    return a.verdict(`${groups[0].address} has no rules`);
  },
};
