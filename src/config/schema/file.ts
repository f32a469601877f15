/** The operator's configuration file: shared defaults plus one or more environments. */
import { z } from "zod";
import { environmentSchema } from "./environment";
import { resourceName } from "./primitives";

export const environmentName = resourceName.max(16, { error: "must be at most 16 characters" });

export const configFileSchema = z.strictObject({
  $schema: z.string().optional().describe("Path or URL of config.schema.json, for editor completion."),
  project: resourceName
    .max(12, { error: "must be at most 12 characters" })
    .default("pi")
    .describe("Short name that prefixes every resource name (<project>-<environment>-…)."),
  defaults: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("Settings shared by every environment, deep-merged under each one (the environment wins; lists are replaced)."),
  environments: z
    .record(environmentName, z.unknown())
    .refine((envs) => Object.keys(envs).length > 0, { error: "declare at least one environment" })
    .describe("Environments by name; each becomes its own Terraform stack in cdktf.out/stacks/<name>."),
});

/** The editor-facing shape of the file: the same, with each environment typed. */
export const configFileDocumentSchema = configFileSchema.extend({
  defaults: environmentSchema
    .partial()
    .optional()
    .describe(configFileSchema.shape.defaults.description ?? ""),
  environments: z.record(environmentName, environmentSchema).describe(configFileSchema.shape.environments.description ?? ""),
});
