import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { secretLikeName, secretLikeValue } from "./lib/secrets";
import { first, isMap } from "./lib/values";

/** LambdaNoSecretsInEnvironment. */
export const lambdaNoSecretsInEnvironment: Rule = {
  id: "PI-LAM-003",
  title: "Lambda environment variables hold no secrets",
  severity: "HIGH",
  resourceTypes: ["aws_lambda_function"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_45"], trivy: [], securityHub: [], cdkNag: [] },
  rationale: "Environment variables are shown to anyone who can read the function configuration.",
  check(fn: Resource): Verdict {
    const variables = first(fn.values.environment)?.variables;
    const a = new Assessment();
    for (const [name, value] of Object.entries(isMap(variables) ? variables : {})) {
      if (secretLikeName(name)) a.fail(`environment.variables.${name} looks like a secret, expected a Secrets Manager ARN read at run time`);
      else if (typeof value === "string" && secretLikeValue(value)) a.fail(`environment.variables.${name} holds a secret-looking value`);
    }
    return a.verdict("no secret-looking environment variables");
  },
};
