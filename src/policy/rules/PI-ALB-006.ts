import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { LOAD_BALANCER_TYPES } from "./lib/load-balancer";
import { checkDistinctAzs } from "./lib/subnets";
import { blocks } from "./lib/values";

/** ELBMultiAz: subnets in at least two availability zones. */
export const elbMultiAz: Rule = {
  id: "PI-ALB-006",
  title: "Load balancers span at least two availability zones",
  severity: "MEDIUM",
  resourceTypes: [...LOAD_BALANCER_TYPES],
  relatedTypes: ["aws_subnet"],
  defaultEnabled: true,
  externalIds: { checkov: [], trivy: [], securityHub: ["ELB.13"], cdkNag: [] },
  rationale: "One zone's outage must not take the only entry point down.",
  check(lb: Resource, ctx: Context): Verdict {
    const a = new Assessment();
    const mappings = blocks(lb.values.subnet_mapping);
    if (mappings.length)
      checkDistinctAzs(
        mappings.map((m) => m.subnet_id ?? null),
        "subnet_mapping",
        ctx,
        a,
      );
    else checkDistinctAzs(lb.values.subnets, "subnets", ctx, a);
    return a.verdict("subnets in at least two availability zones");
  },
};
