/** Policy waivers must name a rule of the pack: a typo would otherwise waive nothing, silently. */
import { RULES } from "../policy/rules/index";
import type { ConfigIssue } from "./issues";
import type { EnvironmentConfig } from "./schema/resolve";

export function checkWaivers(env: EnvironmentConfig): ConfigIssue[] {
  const ids = new Set(RULES.map((rule) => rule.id));
  return env.policy.waivers.flatMap((waiver, i) =>
    ids.has(waiver.rule)
      ? []
      : [{ path: `policy.waivers[${i}].rule`, message: "names no rule of the policy pack (see README: Policy report)", value: waiver.rule }],
  );
}
