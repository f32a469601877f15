/**
 * Prunes the provider's schema (`terraform providers schema -json`) to the nested-block paths that the given Terraform
 * JSON documents use: the content of `provider-blocks.json`.
 */
import type { BlockSchema, ProviderBlocks } from "./provider-blocks";
import type { TerraformDocument } from "./render";

interface SchemaBlock {
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>>;
}
export interface ProviderSchema {
  readonly resource_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
  readonly data_source_schemas: Readonly<Record<string, { readonly block: SchemaBlock }>>;
}

type Mutable = { [name: string]: { nesting: string; blocks?: Mutable } };

export function usedBlocks(schema: ProviderSchema, documents: readonly TerraformDocument[]): ProviderBlocks {
  const result = { resource: {} as Record<string, Mutable>, data: {} as Record<string, Mutable> };
  for (const doc of documents) {
    for (const [kind, byType, schemas] of [
      ["resource", doc.resource, schema.resource_schemas],
      ["data", doc.data, schema.data_source_schemas],
    ] as const) {
      for (const [type, byName] of Object.entries(byType ?? {})) {
        const typeSchema = schemas[type]?.block;
        if (!typeSchema) continue; // terraform_data and other built-ins have no nested blocks
        for (const content of Object.values(byName)) {
          const target = (result[kind][type] ??= {});
          collect(content, typeSchema, target);
        }
      }
    }
  }
  return sortKeys(result) as ProviderBlocks;
}

function collect(content: unknown, block: SchemaBlock, target: Mutable): void {
  if (typeof content !== "object" || content === null) return;
  for (const [key, value] of Object.entries(content)) {
    const nested = block.block_types?.[key];
    if (!nested) continue;
    const entry = (target[key] ??= { nesting: nested.nesting_mode });
    for (const item of Array.isArray(value) ? value : [value]) {
      const child = (entry.blocks ??= {});
      collect(item, nested.block, child);
      if (Object.keys(child).length === 0) delete entry.blocks;
    }
  }
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

export type { BlockSchema };
