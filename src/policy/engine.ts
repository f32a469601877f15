/** Runs the rule pack over one stack: each enabled rule judges every resource of its types, then waivers apply. */
import { createContext } from "./context";
import type { BuiltinWaiver, LoadedStack, Rule, Waiver } from "./model";
import { ruleStatus, summarise, type ResourceResult, type RuleResult, type StackReport } from "./report";
import { BUILTIN_WAIVERS } from "./rules/builtin-waivers";
import { RULES } from "./rules/index";
import { findWaiver, validateWaivers } from "./waivers";

export interface EvaluateOptions {
  /** Configured waivers; each needs a reason. */
  readonly waivers?: readonly Waiver[];
  /** Ids of off-by-default rules to switch on. */
  readonly enable?: readonly string[];
  /** Ids of rules to switch off. */
  readonly disable?: readonly string[];
  /** Run exactly these rules, whatever their default. */
  readonly only?: readonly string[];
  /** @default the registry of src/policy/rules */
  readonly rules?: readonly Rule[];
  /** @default the rule pack's built-in waivers */
  readonly builtinWaivers?: readonly BuiltinWaiver[];
}

function isEnabled(rule: Rule, options: EvaluateOptions): boolean {
  if (options.only) return options.only.includes(rule.id);
  if (options.disable?.includes(rule.id)) return false;
  return rule.defaultEnabled || (options.enable?.includes(rule.id) ?? false);
}

export function evaluate(stack: LoadedStack, options: EvaluateOptions = {}): StackReport {
  const rules = options.rules ?? RULES;
  const ids = new Set(rules.map((r) => r.id));
  for (const id of [...(options.enable ?? []), ...(options.disable ?? []), ...(options.only ?? [])]) {
    if (!ids.has(id)) throw new Error(`unknown rule id ${id}`);
  }
  const waivers = validateWaivers(options.waivers ?? [], ids);
  const builtins = options.builtinWaivers ?? BUILTIN_WAIVERS;
  const ctx = createContext(stack);
  const enabled = rules.filter((r) => isEnabled(r, options));
  const ruleResults = enabled.map((rule): RuleResult => {
    const results = rule.resourceTypes.flatMap((type) =>
      ctx.resourcesOfType(type).map((resource): ResourceResult => {
        const verdict = rule.check(resource, ctx);
        const base: ResourceResult = {
          address: resource.address,
          type: resource.type,
          status: verdict.status,
          message: verdict.message,
          ...(verdict.findings && verdict.status !== "PASS" ? { findings: verdict.findings } : {}),
        };
        if (verdict.status !== "FAIL" && verdict.status !== "UNKNOWN") return base;
        const waiver = findWaiver(rule.id, resource, ctx, waivers, builtins);
        return waiver ? { ...base, status: "WAIVED", waiver, waived: verdict.status } : base;
      }),
    );
    return { rule, status: ruleStatus(results), results };
  });
  return {
    stack: stack.name,
    kind: stack.kind,
    path: stack.path,
    rules: ruleResults,
    disabled: rules.filter((r) => !isEnabled(r, options)).map((r) => r.id),
    summary: summarise(ruleResults),
  };
}
