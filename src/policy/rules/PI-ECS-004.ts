import { isUnknown, type Context, type Resource, type Rule, type Value, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { containerName, containersOf } from "./lib/containers";
import { isMap, str } from "./lib/values";

/** The awslogs group names a log group in the stack, by reference or by its literal name. */
function namesStackLogGroup(group: Value | undefined, ctx: Context): boolean | undefined {
  const ref = ctx.resolve(group);
  if (ref) return ref.resource ? ref.resource.type === "aws_cloudwatch_log_group" : undefined;
  const name = str(group);
  if (isUnknown(name)) return undefined;
  return ctx.resourcesOfType("aws_cloudwatch_log_group").some((g) => str(g.values.name) === name);
}

/** ECSTaskLogging: every container ships logs, awslogs into a group the stack manages (retention, encryption). */
export const ecsTaskLogging: Rule = {
  id: "PI-ECS-004",
  title: "Every container has a log driver; awslogs writes to a log group in the stack",
  severity: "HIGH",
  resourceTypes: ["aws_ecs_task_definition"],
  relatedTypes: ["aws_cloudwatch_log_group"],
  defaultEnabled: true,
  externalIds: { checkov: [], trivy: [], securityHub: ["ECS.9"], cdkNag: ["AwsSolutions-ECS7"] },
  rationale: "Fargate keeps no logs of its own; a group outside the stack has no managed retention.",
  check(td: Resource, ctx: Context): Verdict {
    const a = new Assessment();
    const containers = containersOf(td);
    if (isUnknown(containers)) return a.unknown(`container_definitions: ${containers.reason}`).verdict("");
    containers.forEach((c, i) => {
      const name = containerName(c, i);
      const config = isMap(c.logConfiguration) ? c.logConfiguration : undefined;
      const driver = str(config?.logDriver);
      a.expect(`container ${name}: logConfiguration.logDriver`, driver, (v) => !!v, 'a log driver such as "awslogs"');
      if (driver !== "awslogs") return;
      const group = isMap(config?.options) ? config.options["awslogs-group"] : undefined;
      const inStack = namesStackLogGroup(group, ctx);
      if (inStack === undefined) a.unknown(`container ${name}: awslogs-group ${JSON.stringify(group)} cannot be resolved`);
      else if (!inStack) a.fail(`container ${name}: awslogs-group = ${JSON.stringify(group ?? null)}, expected an aws_cloudwatch_log_group of the stack`);
    });
    return a.verdict("every container logs, awslogs into stack log groups");
  },
};
