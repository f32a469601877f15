import type { Context } from "aws-lambda";
import { consoleLogger } from "../shared/logger";
import { initialiserConfigFromEnv } from "./config";
import { parseInitialiserEvent } from "./event";
import { initialise, type InitialiseSummary } from "./initialise";
import { loadBundledSeed } from "./seed-manifest";

// Leave this much of the Lambda's time for failing cleanly instead of being killed while waiting for the lock.
const LOCK_WAIT_MARGIN_MS = 10_000;

/**
 * Lambda entry point (index.handler). Environment: see config.ts. Event: see event.ts. Returns InitialiseSummary;
 * any failure throws, which fails the aws_lambda_invocation and so the apply, with the reason.
 */
export async function handler(event: unknown, context?: Pick<Context, "getRemainingTimeInMillis">): Promise<InitialiseSummary> {
  const remaining = context?.getRemainingTimeInMillis();
  const summary = await initialise({
    config: initialiserConfigFromEnv(process.env),
    seed: loadBundledSeed(__dirname),
    request: parseInitialiserEvent(event),
    ...(remaining === undefined ? {} : { lockWaitMs: Math.max(0, remaining - LOCK_WAIT_MARGIN_MS) }),
    logger: consoleLogger,
  });
  consoleLogger.info("done", { ...summary });
  return summary;
}
