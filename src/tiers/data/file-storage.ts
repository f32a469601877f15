/**
 * The shared file system: encrypted EFS with elastic throughput and an Infrequent-Access lifecycle, mount targets in
 * the app subnets behind a security group the compute tier opens per client, a file-system policy that admits only
 * TLS + IAM mounts through the stack's access points, one access point per Panintelligence directory under one parent,
 * and one at the parent for the initialising Lambda. Every access point enforces the configured POSIX user.
 */
import { Construct } from "constructs";
import { Fn, TerraformCount, Token, type ITerraformDependable } from "cdktf";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import type { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { FileStorageConfig } from "../../config/schema/file-storage";
import { ClientSecurityGroup } from "./client-security-group";
import { fileSystemPolicy } from "./file-system-policy";
import type { Lifecycle } from "./lifecycle";
import { partitionOf } from "../partition";

/** NFS port of the mount targets. */
export const NFS_PORT = 2049;

/**
 * The directories Panintelligence keeps on EFS (vendor layout: dashboard resources, custom JDBC drivers, the keys the
 * dashboard and scheduler share, and Excel uploads), each with its own access point.
 */
export const PANINTELLIGENCE_DIRECTORIES = ["themes", "images", "files", "svg", "locale", "custom_jdbc", "keys", "excel-data"] as const;
export type PanintelligenceDirectory = (typeof PANINTELLIGENCE_DIRECTORIES)[number];

/** `keys/` holds the dashboard↔scheduler keys: owner-only, whatever `directoryPermissions` says. */
export const KEYS_DIRECTORY_PERMISSIONS = "0700";

/** One EFS access point, as clients reference it. */
export interface AccessPointRef {
  /** Access-point id (`fsap-…`): ECS `authorizationConfig.accessPointId`, Lambda `file_system_config.arn` takes the ARN. */
  readonly id: string;
  readonly arn: string;
  /** The directory on the file system the access point is rooted at, e.g. `/panintelligence/themes`. */
  readonly path: string;
}

export interface FileStorageProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly accountId: string;
  /** Region of the stack (ARN partition of the policy principals). */
  readonly region: string;
  /** VPC of the app subnets (created or existing). */
  readonly vpcId: string;
  /** The private app subnets: one mount target in each. */
  readonly subnetIds: readonly string[];
  /** The `fileStorage` section of the environment. */
  readonly fileStorage: FileStorageConfig;
  /** `protect` adds Terraform prevent_destroy on the file system; `ephemeral` lets `terraform destroy` remove it. */
  readonly lifecycle: Lifecycle;
}

export class FileStorage extends Construct {
  /** Id of the file system (`fs-…`): ECS `efsVolumeConfiguration.fileSystemId`. */
  public readonly fileSystemId: string;
  /** ARN of the file system: the resource of client IAM policies and of the AWS Backup selection. */
  public readonly fileSystemArn: string;
  /** One access point per Panintelligence directory, by directory name. */
  public readonly accessPoints: Readonly<Record<PanintelligenceDirectory, AccessPointRef>>;
  /** The access point at the parent directory (`rootPath`), for the Lambda that prepares the directories. */
  public readonly initialiserAccessPoint: AccessPointRef;
  /** Id of the mount targets' security group (2049 only from the groups given to `allowFrom`). */
  public readonly securityGroupId: string;
  /** The mount targets: a Lambda with `file_system_config` (or a task) must depend on them. */
  public readonly mountTargets: readonly ITerraformDependable[];
  private readonly securityGroup: ClientSecurityGroup;

  constructor(scope: Construct, id: string, props: FileStorageProps) {
    super(scope, id);
    const { prefix, fileStorage: fs } = props;
    const name = `${prefix}-efs`;

    const fileSystem = new EfsFileSystem(this, "file_system", {
      creationToken: name,
      encrypted: true,
      performanceMode: "generalPurpose",
      throughputMode: fs.throughputMode,
      lifecyclePolicy: [
        { transitionToIa: `AFTER_${fs.transitionToIaDays}_DAY${fs.transitionToIaDays === 1 ? "" : "S"}` },
        { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
      ],
      tags: { Name: name },
      lifecycle: { preventDestroy: props.lifecycle === "protect" },
    });

    this.securityGroup = new ClientSecurityGroup(this, "security_group", {
      name,
      description: "EFS mount targets: NFS 2049 from named client security groups only",
      vpcId: props.vpcId,
      port: NFS_PORT,
    });

    // count over the list (not a loop in TypeScript): the module passes the subnets as a variable of unknown length.
    const mountTargetCount = TerraformCount.of(Token.asNumber(Fn.lengthOf(props.subnetIds)));
    this.mountTargets = [
      new EfsMountTarget(this, "mount_targets", {
        count: mountTargetCount,
        fileSystemId: fileSystem.id,
        subnetId: Fn.element(props.subnetIds, Token.asNumber(mountTargetCount.index)),
        securityGroups: [this.securityGroup.securityGroupId],
      }),
    ];

    const accessPoint = (apId: string, path: string, label: string, permissions = fs.directoryPermissions): AccessPointRef => {
      const ap = new EfsAccessPoint(this, apId, {
        fileSystemId: fileSystem.id,
        posixUser: { uid: fs.uid, gid: fs.gid },
        rootDirectory: { path, creationInfo: { ownerUid: fs.uid, ownerGid: fs.gid, permissions } },
        tags: { Name: `${prefix}-${label}` },
      });
      return { id: ap.id, arn: ap.arn, path };
    };
    this.initialiserAccessPoint = accessPoint("access_point_initialiser", fs.rootPath, "efs-initialiser");
    this.accessPoints = Object.fromEntries(
      PANINTELLIGENCE_DIRECTORIES.map((dir) => [
        dir,
        accessPoint(
          `access_point_${dir.replace(/-/g, "_")}`,
          `${fs.rootPath}/${dir}`,
          `efs-${dir}`,
          dir === "keys" ? KEYS_DIRECTORY_PERMISSIONS : fs.directoryPermissions,
        ),
      ]),
    ) as Record<PanintelligenceDirectory, AccessPointRef>;

    new EfsFileSystemPolicy(this, "policy", {
      fileSystemId: fileSystem.id,
      policy: Fn.jsonencode(
        fileSystemPolicy({
          fileSystemArn: fileSystem.arn,
          accessPointArns: [this.initialiserAccessPoint.arn, ...Object.values(this.accessPoints).map((ap) => ap.arn)],
          accountId: props.accountId,
          partition: partitionOf(props.region),
        }),
      ),
    });

    this.fileSystemId = fileSystem.id;
    this.fileSystemArn = fileSystem.arn;
    this.securityGroupId = this.securityGroup.securityGroupId;
  }

  /**
   * Admit NFS (2049) to the mount targets from one client security group, e.g.
   * `allowFrom(dashboard.securityGroupId, "dashboard tasks")`. Each client once.
   */
  public allowFrom(securityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    return this.securityGroup.allowFrom(securityGroupId, description);
  }

  /**
   * The IAM statement a client role (ECS task role, Lambda execution role) needs to mount the given access points:
   * `elasticfilesystem:ClientMount`, plus `ClientWrite` unless `readOnly`, on this file system, only through those
   * access points. Put it in the role's policy with `Fn.jsonencode`.
   */
  public clientPolicyStatement(accessPoints: readonly AccessPointRef[], options: { readonly readOnly?: boolean } = {}): Record<string, unknown> {
    return {
      Effect: "Allow",
      Action: options.readOnly ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: this.fileSystemArn,
      Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPoints.map((ap) => ap.arn) } },
    };
  }
}
