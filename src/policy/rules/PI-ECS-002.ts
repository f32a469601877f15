import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { blocks, bool, first, str } from "./lib/values";

/** ECSServiceHardened: private tasks, current Fargate platform, audited exec. */
export const ecsServiceHardened: Rule = {
  id: "PI-ECS-002",
  title: "ECS services get no public IP, run the latest Fargate platform and log ECS Exec",
  severity: "HIGH",
  resourceTypes: ["aws_ecs_service"],
  relatedTypes: ["aws_ecs_cluster"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_333", "CKV_AWS_332", "CKV_AWS_223"], trivy: [], securityHub: ["ECS.2", "ECS.10"], cdkNag: [] },
  rationale: "Tasks sit behind the ALB in private subnets; an old platform misses patches; unlogged exec is an unaudited shell.",
  check(service: Resource, ctx: Context): Verdict {
    const v = service.values;
    const a = new Assessment().expect(
      "network_configuration.assign_public_ip",
      bool(first(v.network_configuration)?.assign_public_ip),
      (x) => x !== true,
      "absent or false",
      ["CKV_AWS_333", "ECS.2"],
    );
    const fargate = v.launch_type === "FARGATE" || blocks(v.capacity_provider_strategy).some((c) => String(c.capacity_provider).startsWith("FARGATE"));
    if (fargate)
      a.expect("platform_version", str(v.platform_version), (x) => x === undefined || x === "LATEST", 'absent or "LATEST"', ["CKV_AWS_332", "ECS.10"]);
    const exec = bool(v.enable_execute_command);
    const execRefs = ["CKV_AWS_223"];
    if (isUnknown(exec)) a.unknown(`enable_execute_command: ${exec.reason}`, execRefs);
    else if (exec === true) {
      const cluster = ctx.resolve(v.cluster)?.resource;
      if (cluster?.type !== "aws_ecs_cluster")
        a.unknown("enable_execute_command = true and cluster does not resolve to an aws_ecs_cluster; cannot check exec logging", execRefs);
      else {
        const logging = str(first(first(cluster.values.configuration)?.execute_command_configuration)?.logging);
        a.expect(
          `${cluster.address}.configuration.execute_command_configuration.logging`,
          logging,
          (x) => x !== "NONE",
          'not "NONE" while enable_execute_command = true',
          execRefs,
        );
      }
    }
    return a.verdict("no public IP, current platform, exec off or logged");
  },
};
