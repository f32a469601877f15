/** One deployment environment: everything a PanintelligenceStack needs. Later tiers add their sections here. */
import { z } from "zod";
import { alarmsSchema } from "./alarms";
import { backupSchema } from "./backup";
import { computeSchema } from "./compute";
import { databaseSchema } from "./database";
import { edgeSchema } from "./edge";
import { fileStorageSchema } from "./file-storage";
import { initialiserSchema, uploadsSchema } from "./lambdas";
import { networkSchema } from "./network";
import { policySchema } from "./policy";
import { awsAccountId, awsRegion, logRetentionDays, tagMap } from "./primitives";
import { stateSchema } from "./state";

export const environmentSchema = z.strictObject({
  region: awsRegion.describe("AWS region to deploy into."),
  accountId: awsAccountId.describe("AWS account to deploy into; the provider refuses to run against any other (allowed_account_ids)."),
  lifecycle: z
    .enum(["protect", "ephemeral"])
    .default("protect")
    .describe(
      "`protect`: deletion protection, final snapshots, prevent_destroy, long log retention. " +
        "`ephemeral`: everything can be destroyed by `terraform destroy`, short retention.",
    ),
  tags: tagMap.default({}).describe("Extra tags for every resource (merged into the provider's default_tags)."),
  logs: z
    .strictObject({
      retentionDays: logRetentionDays.optional().describe("Retention of every CloudWatch log group. @default 365 in protect, 30 in ephemeral"),
    })
    .prefault({}),
  state: stateSchema,
  network: networkSchema,
  policy: policySchema,
  database: databaseSchema,
  fileStorage: fileStorageSchema,
  backup: backupSchema,
  edge: edgeSchema,
  alarms: alarmsSchema,
  initialiser: initialiserSchema,
  uploads: uploadsSchema,
  compute: computeSchema,
});

export type EnvironmentInput = z.input<typeof environmentSchema>;
export type ParsedEnvironment = z.output<typeof environmentSchema>;
