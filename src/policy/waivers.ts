/**
 * Waivers turn a FAIL or UNKNOWN into WAIVED, carrying their reason; a PASS stays a PASS. Three sources, most
 * specific first: an in-resource `"//".pi.skip`, a configured waiver, a waiver built into the rule pack.
 */
import type { BuiltinWaiver, Context, Resource, Waiver } from "./model";

export interface AppliedWaiver {
  readonly source: "inline" | "config" | "builtin";
  readonly reason: string;
  /** The built-in waiver's id, or the configured waiver's index. */
  readonly ref?: string;
}

/** Rejects waivers without a rule id or a reason, or naming a rule the pack does not have. */
export function validateWaivers(waivers: readonly unknown[], ruleIds: ReadonlySet<string>): readonly Waiver[] {
  return waivers.map((w, i) => {
    const entry = (typeof w === "object" && w !== null ? w : {}) as Record<string, unknown>;
    const where = `waiver[${i}]${typeof entry.rule === "string" ? ` (${entry.rule})` : ""}`;
    if (typeof entry.rule !== "string" || !ruleIds.has(entry.rule))
      throw new Error(`${where}: "rule" must name a rule of the pack, got ${JSON.stringify(entry.rule)}`);
    if (entry.resource !== undefined && (typeof entry.resource !== "string" || entry.resource === ""))
      throw new Error(`${where}: "resource" must be a resource address`);
    if (typeof entry.reason !== "string" || entry.reason.trim() === "") throw new Error(`${where}: a waiver needs a non-empty "reason"`);
    return { rule: entry.rule, resource: entry.resource as string | undefined, reason: entry.reason.trim() };
  });
}

export function findWaiver(
  ruleId: string,
  resource: Resource,
  ctx: Context,
  configured: readonly Waiver[],
  builtins: readonly BuiltinWaiver[],
): AppliedWaiver | undefined {
  const inline = resource.suppressions.find((s) => s.id === ruleId);
  if (inline) return { source: "inline", reason: inline.reason };
  const index = configured.findIndex((w) => w.rule === ruleId && (w.resource === undefined || w.resource === resource.address));
  if (index >= 0) return { source: "config", reason: configured[index].reason, ref: `waiver[${index}]` };
  const builtin = builtins.find((b) => (b.rules === "*" || b.rules.includes(ruleId)) && b.matches(resource, ctx));
  return builtin ? { source: "builtin", reason: builtin.reason, ref: builtin.id } : undefined;
}
