import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { LOAD_BALANCER_TYPES } from "./lib/load-balancer";
import { bool } from "./lib/values";

/** ELBDeletionProtectionEnabled. */
export const elbDeletionProtection: Rule = {
  id: "PI-ALB-005",
  title: "Load balancers have deletion protection",
  severity: "MEDIUM",
  resourceTypes: [...LOAD_BALANCER_TYPES],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_150"], trivy: [], securityHub: ["ELB.6"], cdkNag: [] },
  rationale: "Deleting the ALB loses its DNS name and takes the dashboard offline.",
  check(lb: Resource): Verdict {
    return new Assessment()
      .expect("enable_deletion_protection", bool(lb.values.enable_deletion_protection), (v) => v === true, "true")
      .verdict("enable_deletion_protection = true");
  },
};
