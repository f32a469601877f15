import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { blocks, str } from "./lib/values";

/** ECSClusterContainerInsights: enabled or enhanced. */
export const ecsClusterContainerInsights: Rule = {
  id: "PI-ECS-001",
  title: "ECS clusters have Container Insights enabled",
  severity: "MEDIUM",
  resourceTypes: ["aws_ecs_cluster"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_65"], trivy: ["AWS-0034"], securityHub: ["ECS.12"], cdkNag: ["AwsSolutions-ECS4"] },
  rationale: "Task-level CPU, memory and restart metrics are how a failing dashboard is noticed.",
  check(cluster: Resource): Verdict {
    const setting = blocks(cluster.values.setting).find((s) => s.name === "containerInsights");
    return new Assessment()
      .expect("setting[containerInsights].value", str(setting?.value), (v) => v === "enabled" || v === "enhanced", '"enabled" or "enhanced"')
      .verdict(`containerInsights = ${JSON.stringify(setting?.value)}`);
  },
};
