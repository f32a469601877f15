/** Links between an aws_s3_bucket and its split configuration resources and log roles. */
import { isUnknown, type Context, type Resource, type Unknown, type Value } from "../../model";
import { bool, first, str } from "./values";

/** `${var.x}` / `${local.x}` (a whole expression naming one input or local), else undefined. */
const inputName = (value: Value | undefined): string | undefined =>
  typeof value === "string" && /^\$\{(?:var|local)\.[A-Za-z_][\w-]*\}$/.test(value) ? value : undefined;

/**
 * The bucket a `bucket`/`target_bucket` value names: a reference, the literal name of a bucket in the stack, or the same
 * unresolved `var.x`/`local.x` as a bucket's own name (whatever it evaluates to, both name the same bucket). Only one
 * bucket may match; two buckets sharing the expression leave the link undecided (undefined).
 */
export function bucketOf(value: Value | undefined, ctx: Context): Resource | undefined {
  const ref = ctx.resolve(value);
  if (ref?.resource?.type === "aws_s3_bucket") return ref.resource;
  const buckets = ctx.resourcesOfType("aws_s3_bucket");
  const input = inputName(value);
  if (input !== undefined) {
    const named = buckets.filter((b) => b.values.bucket === input);
    return named.length === 1 ? named[0] : undefined;
  }
  const name = str(value);
  if (typeof name !== "string") return undefined;
  return buckets.find((b) => str(b.values.bucket) === name);
}

/** Configuration resources of one type (e.g. aws_s3_bucket_versioning) whose `bucket` is this bucket. */
export const configsFor = (bucket: Resource, type: string, ctx: Context): readonly Resource[] =>
  ctx.resourcesOfType(type).filter((c) => bucketOf(c.values.bucket, ctx)?.address === bucket.address);

/** The bucket receives ALB access logs (`aws_lb.access_logs.bucket`). */
export const isAlbLogBucket = (bucket: Resource, ctx: Context): boolean =>
  ["aws_lb", "aws_alb"].flatMap((t) => ctx.resourcesOfType(t)).some((lb) => bucketOf(first(lb.values.access_logs)?.bucket, ctx)?.address === bucket.address);

/** The bucket receives S3 server access logs (`aws_s3_bucket_logging.target_bucket` or the legacy inline block). */
export const isAccessLogBucket = (bucket: Resource, ctx: Context): boolean =>
  ctx.resourcesOfType("aws_s3_bucket_logging").some((l) => bucketOf(l.values.target_bucket, ctx)?.address === bucket.address) ||
  ctx.resourcesOfType("aws_s3_bucket").some((b) => bucketOf(first(b.values.logging)?.target_bucket, ctx)?.address === bucket.address);

/** A log bucket: both ALB and S3 access-log delivery need SSE-S3 and it does not log to itself. */
export const isLogBucket = (bucket: Resource, ctx: Context): boolean => isAlbLogBucket(bucket, ctx) || isAccessLogBucket(bucket, ctx);

/** Versioning status: the split resource, or the legacy inline block; Unknown when an expression decides. */
export function isVersioned(bucket: Resource, ctx: Context): boolean | Unknown {
  for (const c of configsFor(bucket, "aws_s3_bucket_versioning", ctx)) {
    const status = str(first(c.values.versioning_configuration)?.status);
    if (isUnknown(status)) return status;
    if (status === "Enabled") return true;
  }
  const legacy = bool(first(bucket.values.versioning)?.enabled);
  return legacy ?? false;
}
