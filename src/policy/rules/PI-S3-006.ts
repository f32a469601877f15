import type { Context, Resource, Rule, Verdict } from "../model";
import { notApplicable } from "./lib/assessment";
import { bucketOf, configsFor, isLogBucket } from "./lib/s3";
import { first } from "./lib/values";

/** S3AccessLogging: every data bucket logs to the log bucket (which itself is exempt). */
export const s3AccessLogging: Rule = {
  id: "PI-S3-006",
  title: "Data buckets write server access logs to the log bucket",
  severity: "MEDIUM",
  resourceTypes: ["aws_s3_bucket"],
  relatedTypes: ["aws_s3_bucket_logging"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_18"], trivy: ["AWS-0089"], securityHub: ["S3.9"], cdkNag: ["AwsSolutions-S1"] },
  rationale: "Access logs record who read or replaced an uploaded file.",
  check(bucket: Resource, ctx: Context): Verdict {
    if (isLogBucket(bucket, ctx)) return notApplicable("the log bucket");
    const targets = [
      ...configsFor(bucket, "aws_s3_bucket_logging", ctx).map((l) => l.values.target_bucket),
      first(bucket.values.logging)?.target_bucket,
    ].filter((t) => t != null);
    const target = targets.map((t) => bucketOf(t, ctx)).find((b) => b && b.address !== bucket.address);
    if (target) return { status: "PASS", message: `logs to ${target.address}` };
    if (targets.length) return { status: "UNKNOWN", message: `target_bucket ${JSON.stringify(targets[0])} is not a bucket of the stack` };
    return { status: "FAIL", message: `no aws_s3_bucket_logging has bucket = \${${bucket.address}.id}; expected target_bucket = the log bucket` };
  },
};
