/**
 * The access-log bucket: ALB access logs (and, through `serverAccessLogTarget`, S3 server access logs of the other
 * buckets). SSE-S3, because ELB cannot write to SSE-KMS buckets; no public access; ACLs disabled (bucket owner
 * enforced), so log writers are granted in the bucket policy; TLS-only; objects expire after the configured days.
 */
import { Construct } from "constructs";
import { Fn, Lazy, type ITerraformDependable } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { elbLogDeliveryPrincipal } from "./elb-log-delivery";

/** Key prefix of the ALB access logs (ELB appends AWSLogs/<account>/elasticloadbalancing/…). */
export const ALB_LOG_PREFIX = "alb";
/** Key prefix under which S3 server access logs of other buckets land, one folder per source bucket. */
export const S3_ACCESS_LOG_PREFIX = "s3-access";
/** Days after which incomplete multipart uploads are aborted. */
const ABORT_INCOMPLETE_UPLOADS_DAYS = 7;

export interface AccessLogBucketProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  /** Days log objects are kept. */
  readonly expirationDays: number;
  /** Let `terraform destroy` delete a bucket that still holds logs (ephemeral environments). */
  readonly forceDestroy: boolean;
}

/** Where a source bucket's `aws_s3_bucket_logging` should point. */
export interface ServerAccessLogTarget {
  readonly targetBucket: string;
  readonly targetPrefix: string;
  /** The grant to `logging.s3.amazonaws.com`: S3 refuses `PutBucketLogging` until it exists, so depend on it. */
  readonly grantedBy: ITerraformDependable;
}

export class AccessLogBucket extends Construct {
  /** Bucket name (use as `access_logs.bucket` and `target_bucket`). */
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** The bucket policy: whatever writes logs must be created after it (ELB checks write access on create). */
  public readonly policy: ITerraformDependable;
  private readonly serverAccessLogSources: string[] = [];

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    // ≤ 24 + 6 + 12 + 1 + 14 = 57 characters: within the 63 S3 allows, and unique per account and region.
    const bucket = new S3Bucket(this, "bucket", {
      bucket: `${props.prefix}-logs-${props.accountId}-${props.region}`,
      forceDestroy: props.forceDestroy,
      tags: { Name: `${props.prefix}-logs` },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public_access", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      // ELB access logs support only SSE-S3 (AES256) on the destination bucket.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-logs",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_DAYS }],
        },
      ],
    });

    const albLogObjects = `${bucket.arn}/${ALB_LOG_PREFIX}/AWSLogs/${props.accountId}/*`;
    const baseStatements = [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucket.arn, `${bucket.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "AlbAccessLogs",
        Effect: "Allow",
        Principal: elbLogDeliveryPrincipal(props.region),
        Action: "s3:PutObject",
        Resource: albLogObjects,
      },
    ];
    // Statements for S3 server access logging are added by `serverAccessLogTarget`, possibly after this constructor.
    const serverAccessLogStatements = () =>
      this.serverAccessLogSources.length === 0
        ? []
        : [
            {
              Sid: "S3ServerAccessLogs",
              Effect: "Allow",
              Principal: { Service: "logging.s3.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: `${bucket.arn}/${S3_ACCESS_LOG_PREFIX}/*`,
              Condition: {
                StringEquals: { "aws:SourceAccount": props.accountId },
                ArnLike: { "aws:SourceArn": [...this.serverAccessLogSources] },
              },
            },
          ];
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: Lazy.stringValue({
        produce: () => Fn.jsonencode({ Version: "2012-10-17", Statement: [...baseStatements, ...serverAccessLogStatements()] }),
      }),
      dependsOn: [publicAccess],
    });

    this.bucketName = bucket.id;
    this.bucketArn = bucket.arn;
  }

  /**
   * Hook for buckets built by other tiers: grants S3 server access logging from `sourceBucketArn` (condition on this
   * account and that bucket) and returns the `target_bucket` / `target_prefix` for its `aws_s3_bucket_logging`.
   * @param folder short, unique name of the source (the logs land under `s3-access/<folder>/`)
   */
  public serverAccessLogTarget(sourceBucketArn: string, folder: string): ServerAccessLogTarget {
    if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(folder)) {
      throw new Error(`serverAccessLogTarget: folder "${folder}" must be a short lower-case name (a-z, 0-9, '-')`);
    }
    this.serverAccessLogSources.push(sourceBucketArn);
    return { targetBucket: this.bucketName, targetPrefix: `${S3_ACCESS_LOG_PREFIX}/${folder}/`, grantedBy: this.policy };
  }
}
