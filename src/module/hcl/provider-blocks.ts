/**
 * Which keys of a resource body are nested blocks rather than arguments. Terraform JSON writes both as objects, HCL
 * does not, so the renderer needs the provider's schema; `provider-blocks.json` keeps the block paths our stacks use
 * (regenerate with `npm run build:modules -- --refresh-provider-blocks`, which needs terraform and the provider).
 */
import blocksJson from "./provider-blocks.json";

/** Nested block types of one block: name → nesting mode and the block types nested inside it. */
export interface BlockSchema {
  readonly [name: string]: { readonly nesting: string; readonly blocks?: BlockSchema };
}

export interface ProviderBlocks {
  readonly resource: Readonly<Record<string, BlockSchema>>;
  readonly data: Readonly<Record<string, BlockSchema>>;
}

export const providerBlocks: ProviderBlocks = blocksJson as ProviderBlocks;
