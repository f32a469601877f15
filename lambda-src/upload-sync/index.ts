import { S3Client } from "@aws-sdk/client-s3";
import { consoleLogger } from "../shared/logger";
import { uploadSyncConfigFromEnv } from "./config";
import { createHandler } from "./handler";

/** Lambda entry point (index.handler) for S3 ObjectCreated:* / ObjectRemoved:* notifications. Environment: config.ts. */
export const handler = createHandler({ s3: new S3Client({}), ...uploadSyncConfigFromEnv(process.env), logger: consoleLogger });
