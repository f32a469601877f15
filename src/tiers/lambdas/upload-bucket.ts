/**
 * The upload bucket operators put themes, images and other files into: private, owner-enforced, TLS-only, encrypted
 * (SSE-KMS with a bucket key), versioned, with a lifecycle for incomplete uploads and old versions, and server access
 * logs to the access-log bucket.
 */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA as S3BucketLogging } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA as S3BucketVersioning } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { AccessLogBucket } from "../edge/log-bucket";

export interface UploadBucketProps {
  readonly prefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly noncurrentVersionDays: number;
  /** Let `terraform destroy` delete a bucket that still holds uploads (ephemeral environments). */
  readonly forceDestroy: boolean;
  readonly logBucket: AccessLogBucket;
}

export class UploadBucket extends Construct {
  public readonly bucketName: string;
  public readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: UploadBucketProps) {
    super(scope, id);
    const bucket = new S3Bucket(this, "bucket", {
      bucket: `${props.prefix}-uploads-${props.accountId}-${props.region}`,
      forceDestroy: props.forceDestroy,
      tags: { Name: `${props.prefix}-uploads` },
    });
    new S3BucketPublicAccessBlock(this, "public_access_block", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketServerSideEncryptionConfiguration(this, "encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
    });
    new S3BucketVersioning(this, "versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "abort-incomplete-uploads",
          status: "Enabled",
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        {
          id: "expire-old-versions",
          status: "Enabled",
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
      ],
    });
    new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyWithoutTls",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "s3:*",
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
    const target = props.logBucket.serverAccessLogTarget(bucket.arn, "uploads");
    new S3BucketLogging(this, "logging", {
      bucket: bucket.id,
      targetBucket: target.targetBucket,
      targetPrefix: target.targetPrefix,
      dependsOn: [target.grantedBy],
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
  }
}
