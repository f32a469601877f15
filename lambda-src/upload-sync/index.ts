import { consoleLogger } from "../shared/logger";
import { uploadSyncConfigFromEnv } from "./config";
import { createHandler } from "./handler";
import { signedGetOptionsFromEnv, signedGetSource } from "./s3-signed-get";

/** Lambda entry point (index.handler) for S3 ObjectCreated:* / ObjectRemoved:* notifications. Environment: config.ts. */
export const handler = createHandler({
  objects: signedGetSource(signedGetOptionsFromEnv(process.env)),
  ...uploadSyncConfigFromEnv(process.env),
  logger: consoleLogger,
});
