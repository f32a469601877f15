/**
 * The EFS file-system policy, as data. It denies every request without TLS, denies NFS mounts that do not come through
 * one of the stack's access points, and lets principals of this account mount through the mount targets when their own
 * IAM policy allows it (so an ECS task or a Lambda with IAM authorisation and an access point gets in; nothing else does).
 */

export interface FileSystemPolicyProps {
  readonly fileSystemArn: string;
  /** ARNs of every access point clients may use. */
  readonly accessPointArns: readonly string[];
  readonly accountId: string;
  /** ARN partition (`aws`, `aws-cn`, …). */
  readonly partition: string;
}

export const NFS_CLIENT_ACTIONS = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"] as const;

export function fileSystemPolicy(props: FileSystemPolicyProps): Record<string, unknown> {
  const everyone = { AWS: "*" };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyWithoutTls",
        Effect: "Deny",
        Principal: everyone,
        Action: "*",
        Resource: props.fileSystemArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyMountWithoutAccessPoint",
        Effect: "Deny",
        Principal: everyone,
        Action: [...NFS_CLIENT_ACTIONS],
        Resource: props.fileSystemArn,
        Condition: { Null: { "elasticfilesystem:AccessPointArn": "true" } },
      },
      {
        Sid: "DenyMountThroughOtherAccessPoints",
        Effect: "Deny",
        Principal: everyone,
        Action: [...NFS_CLIENT_ACTIONS],
        Resource: props.fileSystemArn,
        Condition: { StringNotEquals: { "elasticfilesystem:AccessPointArn": [...props.accessPointArns] } },
      },
      {
        // Root access is never needed: every access point enforces its own POSIX user.
        Sid: "DenyRootAccess",
        Effect: "Deny",
        Principal: everyone,
        Action: "elasticfilesystem:ClientRootAccess",
        Resource: props.fileSystemArn,
      },
      {
        // The account as principal: each task or function role still needs its own IAM allow (see
        // FileStorage.clientPolicyStatement), which keeps mounting least-privilege per client.
        Sid: "AllowAccountMountThroughMountTargets",
        Effect: "Allow",
        Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: props.fileSystemArn,
        Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
      },
    ],
  };
}
