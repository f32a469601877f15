/**
 * A Node.js Lambda in the app subnets that mounts EFS through one access point: its log group, its own security group
 * (NFS to the file system, HTTPS out only if asked), and a least-privilege role. Shared by both of our functions.
 */
import { Construct } from "constructs";
import { Fn, type ITerraformDependable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { NFS_PORT, type AccessPointRef, type FileStorage } from "../data/file-storage";
import { partitionOf } from "../partition";
import type { LambdaPackage } from "./lambda-package";

/** Where the access point is mounted inside the function (Lambda requires /mnt/…). */
export const EFS_MOUNT_PATH = "/mnt/efs";

/** Where our functions run and whom they write EFS as: the same for both. */
export interface LambdaPlacement {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** App subnets (≥ 2 zones), where the EFS mount targets are. */
  readonly subnetIds: readonly string[];
  readonly fileStorage: FileStorage;
  /** POSIX owner of what the functions write (the access points enforce it too). */
  readonly uid: number;
  readonly gid: number;
  readonly logRetentionDays: number;
}

export interface VpcFunctionProps {
  /** Function name, also its log group's and role's name. */
  readonly functionName: string;
  readonly description: string;
  readonly package: LambdaPackage;
  readonly region: string;
  readonly accountId: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly fileStorage: FileStorage;
  readonly accessPoint: AccessPointRef;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly logRetentionDays: number;
  /** Extra IAM statements (beyond logs, VPC networking and the EFS mount). @default none */
  readonly statements?: readonly Record<string, unknown>[];
  /** Allow HTTPS to the internet (through NAT or endpoints), e.g. to read S3. @default false */
  readonly httpsEgress?: boolean;
  /** SQS queue ARN for failed asynchronous invocations. @default none */
  readonly deadLetterQueueArn?: string;
}

export class VpcFunction extends Construct {
  public readonly functionName: string;
  public readonly functionArn: string;
  public readonly securityGroupId: string;
  public readonly logGroupName: string;
  /** The function with everything it needs at invoke time (role policies, log group, EFS mount targets). */
  public readonly ready: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: VpcFunctionProps) {
    super(scope, id);
    const partition = partitionOf(props.region);
    const logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });

    const securityGroup = new SecurityGroup(this, "security_group", {
      name: props.functionName,
      description: `${props.description}: NFS to EFS${props.httpsEgress ? ", HTTPS out" : ""}`,
      vpcId: props.vpcId,
      tags: { Name: props.functionName },
    });
    new VpcSecurityGroupEgressRule(this, "nfs_egress", {
      securityGroupId: securityGroup.id,
      description: "NFS to the EFS mount targets",
      ipProtocol: "tcp",
      fromPort: NFS_PORT,
      toPort: NFS_PORT,
      referencedSecurityGroupId: props.fileStorage.securityGroupId,
    });
    if (props.httpsEgress) {
      new VpcSecurityGroupEgressRule(this, "https_egress", {
        securityGroupId: securityGroup.id,
        description: "HTTPS to AWS APIs (S3) through NAT or VPC endpoints",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
      });
    }
    // Named by the construct (efs_initialiser, upload_sync), not the function name: ids stay free of the prefix.
    const nfsIngress = props.fileStorage.allowFrom(securityGroup.id, `Lambda ${scope.node.id}`);

    const role = new IamRole(this, "role", {
      name: props.functionName,
      description: props.description,
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
          },
        ],
      }),
    });
    // ENI management for VPC functions; its log actions are harmless beside our scoped statement.
    const vpcAccess = new IamRolePolicyAttachment(this, "vpc_access", {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole`,
    });
    const policy = new IamRolePolicy(this, "policy", {
      name: "function",
      role: role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroup.arn}:*` },
          props.fileStorage.clientPolicyStatement([props.accessPoint]),
          ...(props.statements ?? []),
        ],
      }),
    });

    const fn = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: props.description,
      role: role.arn,
      runtime: props.package.zip.runtime,
      handler: props.package.zip.handler,
      filename: props.package.path,
      sourceCodeHash: props.package.zip.sha256Base64,
      timeout: props.timeoutSeconds,
      memorySize: props.memoryMb,
      architectures: ["arm64"],
      environment: { variables: { ...props.environment } },
      vpcConfig: { subnetIds: [...props.subnetIds], securityGroupIds: [securityGroup.id] },
      fileSystemConfig: { arn: props.accessPoint.arn, localMountPath: EFS_MOUNT_PATH },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
      ...(props.deadLetterQueueArn ? { deadLetterConfig: { targetArn: props.deadLetterQueueArn } } : {}),
      // Lambda mounts EFS at create time: the mount targets and the NFS rule must exist first.
      dependsOn: [...props.fileStorage.mountTargets, nfsIngress, logGroup, vpcAccess, policy],
    });

    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    this.securityGroupId = securityGroup.id;
    this.logGroupName = logGroup.name;
    this.ready = [fn, policy, vpcAccess];
  }
}
