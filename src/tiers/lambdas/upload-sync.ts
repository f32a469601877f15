/**
 * S3 upload → EFS: the upload bucket notifies the sync function of created and removed objects under the allowed
 * prefixes; the function streams each object into the EFS directory of the same name (or mirrors the delete).
 * Events that keep failing land in an encrypted dead-letter queue, which the alarms watch.
 */
import { Construct } from "constructs";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import type { AccessLogBucket } from "../edge/log-bucket";
import { LambdaPackage } from "./lambda-package";
import { UploadBucket } from "./upload-bucket";
import { EFS_MOUNT_PATH, VpcFunction, type LambdaPlacement } from "./vpc-function";

export interface UploadSyncProps extends LambdaPlacement {
  /** Top-level key prefixes mirrored onto EFS (never `keys`). */
  readonly allowedPrefixes: readonly string[];
  readonly noncurrentVersionDays: number;
  readonly forceDestroy: boolean;
  readonly logBucket: AccessLogBucket;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export class UploadSync extends Construct {
  public readonly bucketName: string;
  public readonly functionName: string;
  /** For the alarms: messages here are uploads that never reached EFS. */
  public readonly deadLetterQueueName: string;

  constructor(scope: Construct, id: string, props: UploadSyncProps) {
    super(scope, id);
    const bucket = new UploadBucket(this, "bucket", {
      prefix: props.prefix,
      accountId: props.accountId,
      region: props.region,
      noncurrentVersionDays: props.noncurrentVersionDays,
      forceDestroy: props.forceDestroy,
      logBucket: props.logBucket,
    });
    const deadLetters = new SqsQueue(this, "dead_letters", {
      name: `${props.prefix}-upload-sync-dlq`,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: 14 * 24 * 3600,
    });
    const fn = new VpcFunction(this, "function", {
      functionName: `${props.prefix}-upload-sync`,
      description: "Copies uploads from the upload bucket onto EFS and mirrors deletions",
      package: new LambdaPackage(this, "package", { name: "upload-sync" }),
      region: props.region,
      accountId: props.accountId,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      fileStorage: props.fileStorage,
      accessPoint: props.fileStorage.initialiserAccessPoint,
      environment: {
        PI_EFS_MOUNT_PATH: EFS_MOUNT_PATH,
        PI_SYNC_ALLOWED_PREFIXES: props.allowedPrefixes.join(","),
        PI_EFS_UID: String(props.uid),
        PI_EFS_GID: String(props.gid),
      },
      timeoutSeconds: props.timeoutSeconds,
      memoryMb: props.memoryMb,
      logRetentionDays: props.logRetentionDays,
      httpsEgress: true,
      deadLetterQueueArn: deadLetters.arn,
      statements: [
        { Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `${bucket.bucketArn}/*` },
        // Without ListBucket, S3 answers 403 rather than 404 for an object deleted before its event is handled,
        // and those events would end in the dead-letter queue instead of being skipped.
        { Effect: "Allow", Action: "s3:ListBucket", Resource: bucket.bucketArn },
        { Effect: "Allow", Action: "sqs:SendMessage", Resource: deadLetters.arn },
      ],
    });
    const permission = new LambdaPermission(this, "s3_invoke", {
      statementId: "upload-bucket-notifications",
      action: "lambda:InvokeFunction",
      functionName: fn.functionName,
      principal: "s3.amazonaws.com",
      sourceArn: bucket.bucketArn,
      sourceAccount: props.accountId,
    });
    new S3BucketNotification(this, "notifications", {
      bucket: bucket.bucketName,
      lambdaFunction: props.allowedPrefixes.map((prefix) => ({
        id: `sync-${prefix}`,
        lambdaFunctionArn: fn.functionArn,
        events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
        filterPrefix: `${prefix}/`,
      })),
      dependsOn: [permission],
    });
    this.bucketName = bucket.bucketName;
    this.functionName = fn.functionName;
    this.deadLetterQueueName = deadLetters.name;
  }
}
