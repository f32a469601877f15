/** The tags the stack puts on every resource (provider default_tags), after the operator's own `tags`. */

/** Keys the stack owns: a user tag with one of them would be silently replaced, so the config refuses it. */
export const STACK_TAG_KEYS = ["Service", "Project", "Environment", "ManagedBy"] as const;

export function stackTags(env: { readonly project: string; readonly name: string }): Readonly<Record<(typeof STACK_TAG_KEYS)[number], string>> {
  return { Service: "panintelligence", Project: env.project, Environment: env.name, ManagedBy: "cdktf" };
}
