import { isUnknown, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { containerName, containersOf } from "./lib/containers";

const isRoot = (user: string): boolean => /^(root|0)(:|$)/.test(user);

/** ECSContainerNonRootReadOnly: opt-in until the Tomcat image is verified with writable volume mounts (§7.13). */
export const ecsContainerNonRootReadOnly: Rule = {
  id: "PI-ECS-008",
  title: "Containers run as a non-root user with a read-only root filesystem",
  severity: "MEDIUM",
  resourceTypes: ["aws_ecs_task_definition"],
  defaultEnabled: false,
  externalIds: { checkov: ["CKV_AWS_336"], trivy: [], securityHub: ["ECS.5", "ECS.20"], cdkNag: [] },
  rationale: "A read-only root and a non-root user limit what an exploited Tomcat can change.",
  check(td: Resource): Verdict {
    const a = new Assessment();
    const containers = containersOf(td);
    if (isUnknown(containers)) return a.unknown(`container_definitions: ${containers.reason}`).verdict("");
    containers.forEach((c, i) => {
      const name = containerName(c, i);
      if (c.readonlyRootFilesystem !== true)
        a.fail(`container ${name}: readonlyRootFilesystem = ${JSON.stringify(c.readonlyRootFilesystem ?? null)}, expected true`, ["CKV_AWS_336", "ECS.5"]);
      if (typeof c.user !== "string" || isRoot(c.user))
        a.fail(`container ${name}: user = ${JSON.stringify(c.user ?? null)}, expected a non-root user`, ["ECS.20"]);
    });
    return a.verdict("non-root users and read-only root filesystems");
  },
};
