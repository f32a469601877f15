import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { configsFor, isLogBucket } from "./lib/s3";
import { blocks, bool, first, str } from "./lib/values";

/** S3DefaultEncryption: SSE-KMS with a bucket key for data; SSE-S3 for log buckets, which ELB and S3 log delivery require (§7.6). */
export const s3DefaultEncryption: Rule = {
  id: "PI-S3-003",
  title: "Buckets have default encryption: SSE-KMS with bucket key, SSE-S3 for log buckets",
  severity: "MEDIUM",
  resourceTypes: ["aws_s3_bucket"],
  relatedTypes: ["aws_s3_bucket_server_side_encryption_configuration", "aws_lb", "aws_s3_bucket_logging"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_19", "CKV_AWS_145"], trivy: [], securityHub: ["S3.17"], cdkNag: [] },
  rationale: "KMS adds an access check on every object read; log delivery cannot write into an SSE-KMS bucket.",
  check(bucket: Resource, ctx: Context): Verdict {
    const rules = [
      ...configsFor(bucket, "aws_s3_bucket_server_side_encryption_configuration", ctx).flatMap((c) => blocks(c.values.rule)),
      ...blocks(first(bucket.values.server_side_encryption_configuration)?.rule),
    ];
    const logBucket = isLogBucket(bucket, ctx);
    // S3 encrypts with SSE-S3 when nothing is configured (since 2023), so a missing configuration is "not KMS", not "unencrypted"
    if (rules.length === 0)
      return {
        status: "FAIL",
        message: `no aws_s3_bucket_server_side_encryption_configuration has bucket = \${${bucket.address}.id}`,
        findings: [{ status: "FAIL", message: "no encryption configuration", refs: logBucket ? [] : ["CKV_AWS_145", "S3.17"] }],
      };
    const rule = rules[0];
    const algorithm = str(first(rule.apply_server_side_encryption_by_default)?.sse_algorithm);
    const a = new Assessment();
    const valid = (v: string | undefined): boolean => v === "AES256" || v === "aws:kms" || v === "aws:kms:dsse";
    a.expect("sse_algorithm", algorithm, valid, '"aws:kms" (or "AES256" for a log bucket)', ["CKV_AWS_19", "CKV_AWS_145"]);
    if (isUnknown(algorithm) || !valid(algorithm)) return a.verdict("");
    if (logBucket) {
      a.expect("sse_algorithm", algorithm, (v) => v === "AES256", '"AES256" (log delivery needs SSE-S3)', []);
      return a.verdict("log bucket with SSE-S3");
    }
    a.expect("sse_algorithm", algorithm, (v) => v === "aws:kms" || v === "aws:kms:dsse", '"aws:kms"', ["CKV_AWS_145", "S3.17"]);
    // the bucket key is ours (cost and KMS request volume); no external check asks for it
    a.expect("bucket_key_enabled", bool(rule.bucket_key_enabled), (v) => v === true, "true", []);
    return a.verdict("SSE-KMS with bucket key");
  },
};
