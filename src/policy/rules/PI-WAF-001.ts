import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { notApplicable } from "./lib/assessment";
import { LOAD_BALANCER_TYPES, loadBalancerType } from "./lib/load-balancer";
import { bool, str } from "./lib/values";

/** ALBProtectedByWaf: an internet-facing ALB is associated with a regional web ACL from the stack. */
export const albProtectedByWaf: Rule = {
  id: "PI-WAF-001",
  title: "Internet-facing ALBs are associated with a regional WAFv2 web ACL",
  severity: "MEDIUM",
  resourceTypes: [...LOAD_BALANCER_TYPES],
  relatedTypes: ["aws_wafv2_web_acl_association", "aws_wafv2_web_acl", "aws_wafregional_web_acl_association"],
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
    const unresolved: string[] = [];
    for (const x of associations) {
      const ref = ctx.resolve(x.values.web_acl_arn);
      const acl = ref?.resource;
      if (acl?.type === "aws_wafv2_web_acl") {
        const scope = str(acl.values.scope);
        if (scope === "REGIONAL") return { status: "PASS", message: `${x.address} associates ${acl.address}` };
        if (isUnknown(scope)) unresolved.push(`${acl.address}.scope: ${scope.reason}`);
      } else if (ref && !acl) unresolved.push(`${x.address}.web_acl_arn ${JSON.stringify(x.values.web_acl_arn)} is not a web ACL of the stack`);
      else if (typeof x.values.web_acl_arn === "string" && /^arn:aws[\w-]*:wafv2:[\w-]+:\d{12}:regional\/webacl\//.test(x.values.web_acl_arn))
        return { status: "PASS", message: `${x.address} associates the regional web ACL ${x.values.web_acl_arn}` };
    }
    // an association whose ACL lies outside the stack cannot be judged: unknown, not a failure
    if (unresolved.length) return { status: "UNKNOWN", message: `${unresolved[0]}; cannot confirm a REGIONAL aws_wafv2_web_acl` };
    if (associations.length) return { status: "FAIL", message: `${associations[0].address}.web_acl_arn does not reference a REGIONAL aws_wafv2_web_acl` };
    // an association indexed by something the engine cannot evaluate may be this instance's: not sure, so UNKNOWN
    const maybe = ctx.resourcesOfType("aws_wafv2_web_acl_association").find((x) => ctx.mayReferTo(x.values.resource_arn, lb));
    if (maybe)
      return {
        status: "UNKNOWN",
        message: `${maybe.address}.resource_arn may name this instance (${JSON.stringify(maybe.values.resource_arn)}); cannot tell which`,
      };
    const classic = ctx.resourcesOfType("aws_wafregional_web_acl_association").find((x) => ctx.refersTo(x.values.resource_arn, lb));
    if (classic)
      return {
        status: "FAIL",
        message: `only ${classic.address} (AWS WAF Classic, end of support 2025-09-30) protects it; expected an aws_wafv2_web_acl_association`,
      };
    return { status: "FAIL", message: `no aws_wafv2_web_acl_association has resource_arn = \${${lb.address}.arn}; expected one with a REGIONAL web ACL` };
  },
};
