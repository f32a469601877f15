import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { TARGET_GROUP_TYPES } from "./lib/load-balancer";
import { blocks, bool, first, str } from "./lib/values";

/** True when an ECS service on Fargate registers into the target group. */
function usedByFargate(tg: Resource, ctx: Context): boolean {
  return ctx
    .resourcesOfType("aws_ecs_service")
    .some(
      (s) =>
        blocks(s.values.load_balancer).some((lb) => ctx.refersTo(lb.target_group_arn, tg)) &&
        (s.values.launch_type === "FARGATE" || blocks(s.values.capacity_provider_strategy).some((c) => String(c.capacity_provider).startsWith("FARGATE"))),
    );
}

/** TargetGroupHealthCheck: an explicit HTTP health check; ip targets for Fargate. */
export const targetGroupHealthCheck: Rule = {
  id: "PI-ALB-007",
  title: "HTTP target groups define a health check with path and matcher; Fargate targets are ip",
  severity: "LOW",
  resourceTypes: [...TARGET_GROUP_TYPES],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_261"], trivy: [], securityHub: [], cdkNag: [] },
  rationale: "Without an explicit health check a hung Tomcat keeps receiving traffic; Fargate tasks register only as ip targets.",
  check(tg: Resource, ctx: Context): Verdict {
    const targetType = str(tg.values.target_type);
    if (targetType === "lambda" || targetType === "alb") return notApplicable(`target_type = ${targetType}`);
    const protocol = str(tg.values.protocol);
    if (isUnknown(protocol)) return { status: "UNKNOWN", message: `protocol: ${protocol.reason}` };
    if (protocol !== undefined && protocol !== "HTTP" && protocol !== "HTTPS") return notApplicable(`protocol ${protocol}`);
    const a = new Assessment();
    const hc = first(tg.values.health_check);
    if (!hc) a.fail("health_check is absent, expected health_check { path, matcher }");
    else {
      a.expect("health_check.enabled", bool(hc.enabled), (v) => v !== false, "absent or true");
      a.expect("health_check.path", str(hc.path), (v) => !!v, 'a path such as "/pi/"');
      a.expect("health_check.matcher", str(hc.matcher), (v) => !!v, 'a matcher such as "200"');
    }
    if (usedByFargate(tg, ctx)) a.expect("target_type", targetType, (v) => v === "ip", '"ip" (Fargate tasks register by IP)', []);
    return a.verdict("health check with path and matcher");
  },
};
