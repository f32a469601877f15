import { isUnknown, type Context, type Resource, type Rule, type ValueMap, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bucketOf, configsFor, isVersioned } from "./lib/s3";
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

/** The rules of one aws_s3_bucket_lifecycle_configuration. */
const configRules = (c: Resource): readonly LifecycleRule[] =>
  blocks(c.values.rule).map((r) => ({
    enabled: r.status === "Enabled",
    unfiltered: unfiltered(r),
    abortsUploads: first(r.abort_incomplete_multipart_upload)?.days_after_initiation != null,
    expiresNoncurrent: first(r.noncurrent_version_expiration) !== undefined,
  }));

/** Rules of the split resource and of the legacy inline `lifecycle_rule`, in one shape. */
function lifecycleRules(bucket: Resource, ctx: Context): readonly LifecycleRule[] {
  const split = configsFor(bucket, "aws_s3_bucket_lifecycle_configuration", ctx).flatMap(configRules);
  const legacy = blocks(bucket.values.lifecycle_rule).map((r) => ({
    enabled: bool(r.enabled) === true,
    unfiltered: unfiltered(r),
    abortsUploads: r.abort_incomplete_multipart_upload_days != null,
    expiresNoncurrent: first(r.noncurrent_version_expiration) !== undefined,
  }));
  return [...split, ...legacy];
}

const ABORT_REFS = ["CKV_AWS_300"];
const NONCURRENT_REFS = ["S3.10"];

/** The enabled rules' findings: an unfiltered abort of incomplete uploads; noncurrent expiry when versioned. */
function judgeRules(rules: readonly LifecycleRule[], bucket: Resource | undefined, ctx: Context, a: Assessment): void {
  if (!rules.some((r) => r.unfiltered && r.abortsUploads))
    a.fail("no Enabled, unfiltered rule with abort_incomplete_multipart_upload.days_after_initiation", ABORT_REFS);
  if (!bucket) return;
  const versioned = isVersioned(bucket, ctx);
  if (isUnknown(versioned)) a.unknown(`versioning: ${versioned.reason}`, NONCURRENT_REFS);
  else if (versioned && !rules.some((r) => r.expiresNoncurrent))
    a.fail("the bucket is versioned but no Enabled rule has noncurrent_version_expiration", NONCURRENT_REFS);
}

/** S3LifecycleConfigured: incomplete multipart uploads are cleaned up, old versions expire. */
export const s3LifecycleConfigured: Rule = {
  id: "PI-S3-005",
  title: "Buckets have a lifecycle that aborts incomplete uploads and expires noncurrent versions",
  severity: "LOW",
  // the configuration is judged on its own too: checkov reports it, and its bucket may live in another module
  resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_lifecycle_configuration"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_61", "CKV_AWS_300"], trivy: [], securityHub: ["S3.10", "S3.13"], cdkNag: [] },
  rationale: "Abandoned multipart parts and old versions are invisible cost and retained data.",
  check(resource: Resource, ctx: Context): Verdict {
    const a = new Assessment();
    if (resource.type === "aws_s3_bucket_lifecycle_configuration") {
      judgeRules(
        configRules(resource).filter((r) => r.enabled),
        bucketOf(resource.values.bucket, ctx),
        ctx,
        a,
      );
      return a.verdict("aborts incomplete uploads; noncurrent versions expire");
    }
    const all = lifecycleRules(resource, ctx);
    const rules = all.filter((r) => r.enabled);
    if (all.length === 0)
      return a
        .fail(`no lifecycle rule for \${${resource.address}.id}; expected an aws_s3_bucket_lifecycle_configuration`, ["CKV2_AWS_61", "S3.13"])
        .verdict("");
    judgeRules(rules, resource, ctx, a);
    return a.verdict("aborts incomplete uploads; noncurrent versions expire");
  },
};
