import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { LOAD_BALANCER_TYPES } from "./lib/load-balancer";
import { bool, first } from "./lib/values";

/** ELBLoggingEnabled: access logs to the log bucket. */
export const elbLoggingEnabled: Rule = {
  id: "PI-ALB-004",
  title: "Load balancers write access logs to a bucket",
  severity: "MEDIUM",
  resourceTypes: [...LOAD_BALANCER_TYPES],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_91"], trivy: [], securityHub: ["ELB.5"], cdkNag: ["AwsSolutions-ELB2"] },
  rationale: "Access logs are the only per-request record of who used the dashboard from where.",
  check(lb: Resource): Verdict {
    const logs = first(lb.values.access_logs);
    if (!logs) return { status: "FAIL", message: "access_logs is absent, expected access_logs { enabled = true, bucket = <log bucket> }" };
    return new Assessment()
      .expect("access_logs.enabled", bool(logs.enabled), (v) => v === true, "true")
      .expectSet("access_logs.bucket", logs.bucket, "the log bucket")
      .verdict("access_logs enabled");
  },
};
