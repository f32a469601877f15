import { isUnknown, type Context, type Resource, type Rule, type ValueMap, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { configsFor, isVersioned } from "./lib/s3";
import { blocks, bool, first, str } from "./lib/values";

/** A rule applies to the whole bucket when it has no filter, or only an empty prefix. */
function unfiltered(rule: ValueMap): boolean {
  const filter = first(rule.filter);
  const prefix = str(rule.prefix);
  if (prefix !== undefined && prefix !== "") return false;
  if (!filter) return true;
  return Object.entries(filter).every(([k, v]) => v == null || (k === "prefix" && v === "") || (Array.isArray(v) && v.length === 0));
}

interface LifecycleRule {
  readonly enabled: boolean;
  readonly unfiltered: boolean;
  readonly abortsUploads: boolean;
  readonly expiresNoncurrent: boolean;
}

/** Rules of the split resource and of the legacy inline `lifecycle_rule`, in one shape. */
function lifecycleRules(bucket: Resource, ctx: Context): readonly LifecycleRule[] {
  const split = configsFor(bucket, "aws_s3_bucket_lifecycle_configuration", ctx).flatMap((c) =>
    blocks(c.values.rule).map((r) => ({
      enabled: r.status === "Enabled",
      unfiltered: unfiltered(r),
      abortsUploads: first(r.abort_incomplete_multipart_upload)?.days_after_initiation != null,
      expiresNoncurrent: first(r.noncurrent_version_expiration) !== undefined,
    })),
  );
  const legacy = blocks(bucket.values.lifecycle_rule).map((r) => ({
    enabled: bool(r.enabled) === true,
    unfiltered: unfiltered(r),
    abortsUploads: r.abort_incomplete_multipart_upload_days != null,
    expiresNoncurrent: first(r.noncurrent_version_expiration) !== undefined,
  }));
  return [...split, ...legacy];
}

/** S3LifecycleConfigured: incomplete multipart uploads are cleaned up, old versions expire. */
export const s3LifecycleConfigured: Rule = {
  id: "PI-S3-005",
  title: "Buckets have a lifecycle that aborts incomplete uploads and expires noncurrent versions",
  severity: "LOW",
  resourceTypes: ["aws_s3_bucket"],
  relatedTypes: ["aws_s3_bucket_lifecycle_configuration"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_61", "CKV_AWS_300"], trivy: [], securityHub: ["S3.10", "S3.13"], cdkNag: [] },
  rationale: "Abandoned multipart parts and old versions are invisible cost and retained data.",
  check(bucket: Resource, ctx: Context): Verdict {
    const rules = lifecycleRules(bucket, ctx).filter((r) => r.enabled);
    if (rules.length === 0) return { status: "FAIL", message: `no enabled lifecycle rule for \${${bucket.address}.id}; expected aws_s3_bucket_lifecycle_configuration` };
    const a = new Assessment();
    if (!rules.some((r) => r.unfiltered && r.abortsUploads))
      a.fail("no Enabled, unfiltered rule with abort_incomplete_multipart_upload.days_after_initiation");
    const versioned = isVersioned(bucket, ctx);
    if (isUnknown(versioned)) a.unknown(`versioning: ${versioned.reason}`);
    else if (versioned && !rules.some((r) => r.expiresNoncurrent)) a.fail("the bucket is versioned but no Enabled rule has noncurrent_version_expiration");
    return a.verdict("aborts incomplete uploads; noncurrent versions expire");
  },
};
