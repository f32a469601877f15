/** The short, human-readable report printed after a successful synth. */
import { relative } from "node:path";
import type { IConstruct } from "constructs";
import { TerraformResource } from "cdktf";
import type { PanintelligenceStack } from "../stack";

export interface StackSummary {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly lifecycle: string;
  /** Resources per tier, in build order. */
  readonly resourcesPerTier: ReadonlyArray<readonly [string, number]>;
  readonly directory: string;
  /** The policy report's one-line verdict. */
  readonly policy: string;
}

export function summariseStack(stack: PanintelligenceStack, meta: Omit<StackSummary, "resourcesPerTier" | "policy">): Omit<StackSummary, "policy"> {
  const resourcesPerTier = [...stack.tiers].map(([tier, construct]) => [tier, countResources(construct)] as const);
  return { ...meta, resourcesPerTier };
}

function countResources(scope: IConstruct): number {
  return scope.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length;
}

export function formatSummary(stacks: readonly StackSummary[], configPath: string, cwd: string, seconds: number): string {
  const lines = [
    `Synthesised ${stacks.length} stack${stacks.length === 1 ? "" : "s"} from ${relative(cwd, configPath) || configPath} in ${seconds.toFixed(1)} s`,
  ];
  for (const stack of stacks) {
    const dir = relative(cwd, stack.directory) || ".";
    const total = stack.resourcesPerTier.reduce((sum, [, count]) => sum + count, 0);
    const width = Math.max(8, ...stack.resourcesPerTier.map(([tier]) => tier.length));
    lines.push("", `  ${stack.name}  (${stack.region}, account ${stack.accountId}, lifecycle ${stack.lifecycle})`);
    for (const [tier, count] of stack.resourcesPerTier) lines.push(`    ${tier.padEnd(width)}  ${count} resources`);
    lines.push(`    ${"total".padEnd(width)}  ${total} resources`);
    lines.push(`    ${"policy".padEnd(width)}  ${stack.policy.replace(/^policy: /, "")} (npm run policy for the report)`);
    lines.push(`    ${"output".padEnd(width)}  ${dir}`);
    lines.push(`    ${"next".padEnd(width)}  terraform -chdir=${dir} init && terraform -chdir=${dir} plan`);
  }
  return lines.join("\n");
}
