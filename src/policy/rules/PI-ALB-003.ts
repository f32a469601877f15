import { isUnknown, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { LOAD_BALANCER_TYPES, loadBalancerType } from "./lib/load-balancer";
import { bool, str } from "./lib/values";

/** ALBHeaderHardening: drop malformed headers and keep desync mitigation at defensive or stricter. */
export const albHeaderHardening: Rule = {
  id: "PI-ALB-003",
  title: "ALBs drop invalid header fields and mitigate HTTP desync",
  severity: "MEDIUM",
  // a classic aws_elb has the same desync setting (and no header option)
  resourceTypes: [...LOAD_BALANCER_TYPES, "aws_elb"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_131", "CKV_AWS_328"], trivy: ["AWS-0052"], securityHub: ["ELB.4", "ELB.12"], cdkNag: [] },
  rationale: "Invalid headers and desync are request-smuggling vectors against the Tomcat behind the ALB.",
  check(lb: Resource): Verdict {
    const a = new Assessment();
    const desync = (): Assessment =>
      a.expect(
        "desync_mitigation_mode",
        str(lb.values.desync_mitigation_mode),
        (v) => v === undefined || v === "defensive" || v === "strictest",
        'absent, "defensive" or "strictest"',
        ["CKV_AWS_328", "ELB.12"],
      );
    if (lb.type === "aws_elb") return desync().verdict("desync mitigation defensive or stricter");
    const type = loadBalancerType(lb);
    if (isUnknown(type)) return { status: "UNKNOWN", message: `load_balancer_type: ${type.reason}` };
    if (type !== "application") return notApplicable(`a ${type} load balancer`);
    a.expect("drop_invalid_header_fields", bool(lb.values.drop_invalid_header_fields), (v) => v === true, "true", ["CKV_AWS_131", "AWS-0052", "ELB.4"]);
    return desync().verdict("drop_invalid_header_fields = true; desync mitigation defensive or stricter");
  },
};
