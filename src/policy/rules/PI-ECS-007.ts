import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";

/** ECSTaskRolesSeparated: the agent's permissions (pull, secrets) are not the application's. */
export const ecsTaskRolesSeparated: Rule = {
  id: "PI-ECS-007",
  title: "Task definitions set distinct execution and task roles",
  severity: "MEDIUM",
  resourceTypes: ["aws_ecs_task_definition"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_249"], trivy: [], securityHub: [], cdkNag: [] },
  rationale: "Sharing one role hands the application the rights to read every injected secret.",
  check(td: Resource, ctx: Context): Verdict {
    const { execution_role_arn: execution, task_role_arn: task } = td.values;
    const a = new Assessment();
    if (execution == null) a.fail("execution_role_arn is absent, expected a dedicated execution role");
    if (task == null) a.fail("task_role_arn is absent, expected a dedicated task role");
    if (execution != null && task != null) {
      const e = ctx.resolve(execution)?.resource?.address ?? execution;
      const t = ctx.resolve(task)?.resource?.address ?? task;
      if (e === t) a.fail(`execution_role_arn and task_role_arn are both ${JSON.stringify(e)}, expected different roles`);
    }
    return a.verdict("distinct execution and task roles");
  },
};
