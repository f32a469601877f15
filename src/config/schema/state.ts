/** Where Terraform keeps each environment's state. */
import { z } from "zod";
import { awsRegion } from "./primitives";

const localState = z.strictObject({
  backend: z.literal("local").describe("State in a local file."),
  path: z.string().min(1).optional().describe("State file, relative to the directory synth runs in. @default terraform.<environment>.tfstate"),
});

const s3State = z.strictObject({
  backend: z.literal("s3").describe("State in S3 with a native S3 lock file (use_lockfile; Terraform ≥ 1.10)."),
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be an S3 bucket name (3-63 chars: a-z, 0-9, '.', '-')" })
    .describe("Existing S3 bucket for state."),
  key: z.string().min(1).optional().describe("Object key of the state. @default panintelligence/<environment>/terraform.tfstate"),
  region: awsRegion.optional().describe("Region of the state bucket. @default the environment's region"),
  kmsKeyId: z.string().min(1).optional().describe("KMS key ARN to encrypt the state object. @default SSE-S3"),
});

export const stateSchema = z.discriminatedUnion("backend", [localState, s3State]).prefault({ backend: "local" }).describe("Terraform state backend.");

export type StateConfig = z.output<typeof stateSchema>;
