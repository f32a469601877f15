import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { LISTENER_TYPES, listenerLoadBalancer, loadBalancerType } from "./lib/load-balancer";
import { blocks, first, str } from "./lib/values";

/** ALBListenerHTTPS: HTTPS, or plain HTTP that only redirects to HTTPS 443 with a 301. */
export const albListenerHttps: Rule = {
  id: "PI-ALB-001",
  title: "ALB listeners use HTTPS or redirect HTTP to HTTPS",
  severity: "HIGH",
  resourceTypes: [...LISTENER_TYPES],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_2", "CKV2_AWS_20", "CKV_AWS_103"], trivy: ["AWS-0054"], securityHub: ["ELB.1"], cdkNag: [] },
  rationale: "Dashboard sessions and credentials must never cross the internet in clear text.",
  check(listener: Resource, ctx: Context): Verdict {
    const lb = listenerLoadBalancer(listener, ctx);
    const lbType = lb ? loadBalancerType(lb) : "application";
    if (!isUnknown(lbType) && lbType !== "application") return notApplicable(`a listener of a ${lbType} load balancer`);
    const protocol = str(listener.values.protocol);
    if (isUnknown(protocol)) return { status: "UNKNOWN", message: `protocol: ${protocol.reason}; expected "HTTPS" or an HTTP redirect to HTTPS` };
    if (protocol === "HTTPS") return { status: "PASS", message: 'protocol = "HTTPS"' };
    if (protocol !== undefined && protocol !== "HTTP") return notApplicable(`protocol ${protocol} is not HTTP`);
    const redirect = first(blocks(listener.values.default_action).find((d) => d.type === "redirect")?.redirect);
    if (!redirect)
      return {
        status: "FAIL",
        message: `protocol = ${JSON.stringify(protocol ?? "HTTP")} without a redirect default_action; expected "HTTPS" or a redirect to HTTPS:443 (HTTP_301)`,
      };
    return new Assessment()
      .expect("default_action.redirect.protocol", str(redirect.protocol), (v) => v === "HTTPS", '"HTTPS"')
      .expect("default_action.redirect.port", str(redirect.port), (v) => v === "443", '"443"')
      .expect("default_action.redirect.status_code", str(redirect.status_code), (v) => v === "HTTP_301", '"HTTP_301"')
      .verdict("HTTP redirects to HTTPS:443 with HTTP_301");
  },
};
