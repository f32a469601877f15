/** The configuration file's JSON Schema (for editor completion), derived from the zod schema. */
import { z } from "zod";
import { configFileDocumentSchema } from "./schema/file";

type JsonSchema = Record<string, unknown>;

/** The schema as the tool enforces it on each merged environment (the README reference is built from this). */
export function configJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(configFileDocumentSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return { ...schema, title: "Panintelligence on AWS: configuration file" };
}

/**
 * The schema editors get (config.schema.json). A required setting may come from `defaults` instead of the
 * environment, which JSON Schema cannot express across two subtrees, so neither subtree requires anything; the tool
 * checks the merged result.
 */
export function editorJsonSchema(): JsonSchema {
  const schema = configJsonSchema();
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  properties.defaults = withoutRequired(properties.defaults) as JsonSchema;
  properties.environments = withoutRequired(properties.environments) as JsonSchema;
  return { ...schema, properties };
}

function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== "required")
      .map(([key, value]) => [key, withoutRequired(value)]),
  );
}
