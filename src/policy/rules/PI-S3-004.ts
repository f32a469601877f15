import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { notApplicable } from "./lib/assessment";
import { isLogBucket, isVersioned } from "./lib/s3";

/** S3VersioningEnabled: data buckets keep previous versions; log buckets are append-only and exempt. */
export const s3VersioningEnabled: Rule = {
  id: "PI-S3-004",
  title: "Data buckets have versioning enabled",
  severity: "MEDIUM",
  resourceTypes: ["aws_s3_bucket"],
  relatedTypes: ["aws_s3_bucket_versioning"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_21"], trivy: ["AWS-0090"], securityHub: ["S3.14"], cdkNag: [] },
  rationale: "An overwritten or deleted upload can be restored only from a previous version.",
  check(bucket: Resource, ctx: Context): Verdict {
    if (isLogBucket(bucket, ctx)) return notApplicable("a log bucket");
    const versioned = isVersioned(bucket, ctx);
    if (isUnknown(versioned)) return { status: "UNKNOWN", message: `versioning_configuration.status: ${versioned.reason}` };
    return versioned
      ? { status: "PASS", message: 'versioning status = "Enabled"' }
      : { status: "FAIL", message: `no aws_s3_bucket_versioning with versioning_configuration.status = "Enabled" for \${${bucket.address}.id}` };
  },
};
