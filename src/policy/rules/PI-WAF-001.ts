import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { notApplicable } from "./lib/assessment";
import { loadBalancerType } from "./lib/load-balancer";
import { bool, str } from "./lib/values";

/** ALBProtectedByWaf: an internet-facing ALB is associated with a regional web ACL from the stack. */
export const albProtectedByWaf: Rule = {
  id: "PI-WAF-001",
  title: "Internet-facing ALBs are associated with a regional WAFv2 web ACL",
  severity: "MEDIUM",
  resourceTypes: ["aws_lb"],
  relatedTypes: ["aws_wafv2_web_acl_association", "aws_wafv2_web_acl"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_28"], trivy: [], securityHub: ["ELB.16"], cdkNag: [] },
  rationale: "The dashboard is public; managed rule groups filter common exploits before they reach Tomcat.",
  check(lb: Resource, ctx: Context): Verdict {
    const internal = bool(lb.values.internal);
    if (isUnknown(internal)) return { status: "UNKNOWN", message: `internal: ${internal.reason}` };
    const type = loadBalancerType(lb);
    if (internal === true) return notApplicable("an internal load balancer");
    if (!isUnknown(type) && type !== "application") return notApplicable(`a ${type} load balancer`);
    const associations = ctx.resourcesOfType("aws_wafv2_web_acl_association").filter((x) => ctx.refersTo(x.values.resource_arn, lb));
    for (const x of associations) {
      const acl = ctx.resolve(x.values.web_acl_arn)?.resource;
      if (acl?.type === "aws_wafv2_web_acl" && str(acl.values.scope) === "REGIONAL") return { status: "PASS", message: `${x.address} associates ${acl.address}` };
    }
    if (associations.length) return { status: "FAIL", message: `${associations[0].address}.web_acl_arn does not reference a REGIONAL aws_wafv2_web_acl in the stack` };
    return { status: "FAIL", message: `no aws_wafv2_web_acl_association has resource_arn = \${${lb.address}.arn}; expected one with a REGIONAL web ACL` };
  },
};
