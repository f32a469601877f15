import { isUnknown, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { loadBalancerType } from "./lib/load-balancer";
import { bool, str } from "./lib/values";

/** ALBHeaderHardening: drop malformed headers and keep desync mitigation at defensive or stricter. */
export const albHeaderHardening: Rule = {
  id: "PI-ALB-003",
  title: "ALBs drop invalid header fields and mitigate HTTP desync",
  severity: "MEDIUM",
  resourceTypes: ["aws_lb"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_131", "CKV_AWS_328"], trivy: ["AWS-0052"], securityHub: ["ELB.4", "ELB.12"], cdkNag: [] },
  rationale: "Invalid headers and desync are request-smuggling vectors against the Tomcat behind the ALB.",
  check(lb: Resource): Verdict {
    const type = loadBalancerType(lb);
    if (isUnknown(type)) return { status: "UNKNOWN", message: `load_balancer_type: ${type.reason}` };
    if (type !== "application") return notApplicable(`a ${type} load balancer`);
    return new Assessment()
      .expect("drop_invalid_header_fields", bool(lb.values.drop_invalid_header_fields), (v) => v === true, "true")
      .expect("desync_mitigation_mode", str(lb.values.desync_mitigation_mode), (v) => v === undefined || v === "defensive" || v === "strictest", 'absent, "defensive" or "strictest"')
      .verdict("drop_invalid_header_fields = true; desync mitigation defensive or stricter");
  },
};
