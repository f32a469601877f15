import { isUnknown, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { containerName, containersOf } from "./lib/containers";
import { str } from "./lib/values";

/** ECSTaskIsolated: awsvpc networking, no host PID/IPC namespaces, no privileged containers (the real fields, §7.10). */
export const ecsTaskIsolated: Rule = {
  id: "PI-ECS-003",
  title: "Task definitions use awsvpc, no host PID/IPC namespace and no privileged containers",
  severity: "HIGH",
  resourceTypes: ["aws_ecs_task_definition"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_334", "CKV_AWS_335"], trivy: [], securityHub: ["ECS.3", "ECS.4", "ECS.17"], cdkNag: [] },
  rationale: "Host namespaces and privileged mode break the isolation between a task and everything else on the host.",
  check(td: Resource): Verdict {
    const a = new Assessment()
      .expect("network_mode", str(td.values.network_mode), (v) => v === "awsvpc", '"awsvpc"', ["ECS.17"])
      // the real, task-level pid_mode (checkov's CKV_AWS_335 reads a per-container pidMode that ECS does not have, §7.10)
      .expect("pid_mode", str(td.values.pid_mode), (v) => v !== "host", 'absent or "task"', ["CKV_AWS_335", "ECS.3"])
      .expect("ipc_mode", str(td.values.ipc_mode), (v) => v !== "host", 'absent, "task" or "none"', []);
    const containers = containersOf(td);
    if (isUnknown(containers)) a.unknown(`container_definitions: ${containers.reason}`, ["CKV_AWS_334", "ECS.4"]);
    else
      for (const [i, c] of containers.entries()) {
        if (c.privileged === true) a.fail(`container ${containerName(c, i)}: privileged = true, expected false or absent`, ["CKV_AWS_334", "ECS.4"]);
      }
    return a.verdict("awsvpc, no host namespaces, no privileged containers");
  },
};
