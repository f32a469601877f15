/**
 * Rewrites the resource references of a Terraform expression: `aws_x.name` heads anywhere in the expression, including
 * the `${...}` parts of string literals nested in it. Used to rename resources and to index the counted ones
 * (`aws_x.name[0]`). Reads expressions through the shared HCL layer (src/hcl).
 */
import { rewriteTemplateHeads, rewriteTraversalHeads } from "../../hcl/traversals";

/** Maps a `type.name` reference head to its replacement, or undefined to keep it. */
export type HeadRewrite = (type: string, name: string) => string | undefined;

const RESOURCE_HEAD = /^(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+$/;

/** The expression source with every resource (and data-source) reference head rewritten. */
export function rewriteReferences(source: string, rewrite: HeadRewrite): string {
  return rewriteTraversalHeads(source, (type, name) => (RESOURCE_HEAD.test(type) ? rewrite(type, name) : undefined));
}

/** The same for a template (a JSON string value): literal text is kept, `${...}` parts are rewritten. */
export function rewriteTemplateReferences(template: string, rewrite: HeadRewrite): string {
  return rewriteTemplateHeads(template, (type, name) => (RESOURCE_HEAD.test(type) ? rewrite(type, name) : undefined));
}
