import { isUnknown, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { containerName, containersOf } from "./lib/containers";
import { secretLikeName, secretLikeValue } from "./lib/secrets";
import { isMap, list } from "./lib/values";

/** ECSTaskNoSecretsInEnvironment: credentials come through `secrets[].valueFrom`, never plain environment. */
export const ecsTaskNoSecretsInEnvironment: Rule = {
  id: "PI-ECS-005",
  title: "Container environments hold no secrets",
  severity: "HIGH",
  resourceTypes: ["aws_ecs_task_definition"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_45"], trivy: ["AWS-0036"], securityHub: ["ECS.8"], cdkNag: ["AwsSolutions-ECS2"] },
  rationale: "Environment values are readable by anyone who can describe the task definition; secrets are fetched at start.",
  check(td: Resource): Verdict {
    const a = new Assessment();
    const containers = containersOf(td);
    if (isUnknown(containers)) return a.unknown(`container_definitions: ${containers.reason}`).verdict("");
    containers.forEach((c, i) => {
      for (const entry of list(c.environment).filter(isMap)) {
        const name = typeof entry.name === "string" ? entry.name : "";
        if (secretLikeName(name)) a.fail(`container ${containerName(c, i)}: environment ${name} looks like a secret, expected it in secrets[].valueFrom`);
        else if (typeof entry.value === "string" && secretLikeValue(entry.value))
          a.fail(`container ${containerName(c, i)}: environment ${name} holds a secret-looking value`);
      }
    });
    return a.verdict("no secret-looking environment entries");
  },
};
