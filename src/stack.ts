/**
 * One environment's Terraform stack: provider, backend and version pins, then the tiers, each given only what it
 * needs from the tiers before it.
 */
import type { Construct } from "constructs";
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EnvironmentConfig } from "./config/schema/resolve";
import { stackTags } from "./config/stack-tags";
import { Backup } from "./tiers/data/backup";
import { Compute } from "./tiers/compute/compute";
import { addComputeOutputs } from "./tiers/compute/outputs";
import { Database } from "./tiers/data/database";
import { FileStorage } from "./tiers/data/file-storage";
import { addDataOutputs } from "./tiers/data/outputs";
import { AlarmTopic } from "./tiers/alarms/alarm-topic";
import { Edge } from "./tiers/edge/edge";
import { addEdgeOutputs } from "./tiers/edge/outputs";
import { EfsInitialiser } from "./tiers/lambdas/efs-initialiser";
import { UploadSync } from "./tiers/lambdas/upload-sync";
import { Network } from "./tiers/network/network";
import { aclEgress, egressFlows } from "./config/egress-flows";
import { Observability } from "./tiers/observability/observability";

/** The AWS provider range every stack and module accepts: tested against 5.100.0, compatible with 6.x. */
export const AWS_PROVIDER_CONSTRAINT = ">= 5.100.0, < 7.0.0";
/** S3 native state locking (use_lockfile) needs Terraform 1.10. */
export const TERRAFORM_VERSION_CONSTRAINT = ">= 1.10.0";

export interface PanintelligenceStackProps {
  readonly config: EnvironmentConfig;
  /**
   * Local backend only: the state file path as Terraform should see it from the stack directory. The app computes it
   * so the state lives outside cdktf.out and survives every synth.
   * @default the configured path, unchanged
   */
  readonly localStatePath?: string;
}

export class PanintelligenceStack extends TerraformStack {
  /** The tier constructs in build order, by name (the synth summary counts resources per tier). */
  public readonly tiers: ReadonlyMap<string, Construct>;

  constructor(scope: Construct, id: string, props: PanintelligenceStackProps) {
    super(scope, id);
    const { config } = props;

    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [
        {
          tags: {
            ...config.tags,
            ...stackTags(config),
          },
        },
      ],
    });
    this.addOverride("terraform.required_providers.aws", { source: "hashicorp/aws", version: AWS_PROVIDER_CONSTRAINT });
    this.addOverride("terraform.required_version", TERRAFORM_VERSION_CONSTRAINT);
    this.configureBackend(config, props.localStatePath);

    // Data sources and mail: one decision, applied to the ACLs here and to the security groups by the compute tier.
    const egress = egressFlows(config.compute, config.network);
    const network = new Network(this, "network", {
      prefix: config.prefix,
      region: config.region,
      accountId: config.accountId,
      network: config.network,
      logRetentionDays: config.logs.retentionDays,
      ...(config.network.mode === "create" ? { extraEgress: aclEgress(egress, config.network.cidr) } : {}),
    });

    const database = new Database(this, "database", {
      prefix: config.prefix,
      region: config.region,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.data,
      database: config.database,
      lifecycle: config.lifecycle,
      logRetentionDays: config.logs.retentionDays,
    });
    const fileStorage = new FileStorage(this, "file_storage", {
      prefix: config.prefix,
      accountId: config.accountId,
      region: config.region,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.app,
      fileStorage: config.fileStorage,
      lifecycle: config.lifecycle,
    });
    const backup = new Backup(this, "backup", {
      prefix: config.prefix,
      accountId: config.accountId,
      region: config.region,
      backup: config.backup,
      resourceArns: [database.instanceArn, fileStorage.fileSystemArn],
      lifecycle: config.lifecycle,
      destroyBefore: database.snapshotDependencies,
    });
    const alarms = new AlarmTopic(this, "alarms", {
      prefix: config.prefix,
      region: config.region,
      accountId: config.accountId,
      lifecycle: config.lifecycle,
      emails: config.alarms.emails,
    });
    const edge = new Edge(this, "edge", {
      prefix: config.prefix,
      region: config.region,
      accountId: config.accountId,
      lifecycle: config.lifecycle,
      vpcId: network.vpcId,
      publicSubnetIds: network.subnetIds.public,
      edge: config.edge,
      logRetentionDays: config.logs.retentionDays,
      alarmTopicArn: alarms.topicArn,
      alarmThresholds: config.alarms.alb,
    });
    const lambdaPlacement = {
      prefix: config.prefix,
      region: config.region,
      accountId: config.accountId,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.app,
      fileStorage,
      uid: config.fileStorage.uid,
      gid: config.fileStorage.gid,
      logRetentionDays: config.logs.retentionDays,
    };
    const initialiser = new EfsInitialiser(this, "efs_initialiser", {
      ...lambdaPlacement,
      directoryPermissions: config.fileStorage.directoryPermissions,
      ...(config.initialiser.seedDir ? { seedDir: config.initialiser.seedDir } : {}),
      timeoutSeconds: config.initialiser.timeoutSeconds,
      memoryMb: config.initialiser.memoryMb,
    });
    const uploads = config.uploads.enabled
      ? new UploadSync(this, "upload_sync", {
          ...lambdaPlacement,
          allowedPrefixes: config.uploads.allowedPrefixes,
          noncurrentVersionDays: config.uploads.noncurrentVersionDays,
          forceDestroy: config.lifecycle === "ephemeral",
          logBucket: edge.logBucket,
          timeoutSeconds: config.uploads.timeoutSeconds,
          memoryMb: config.uploads.memoryMb,
        })
      : undefined;
    const compute = new Compute(this, "compute", {
      prefix: config.prefix,
      region: config.region,
      accountId: config.accountId,
      compute: config.compute,
      logRetentionDays: config.logs.retentionDays,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.app,
      ...(network.endpointClientSecurityGroupId ? { endpointClientSecurityGroupId: network.endpointClientSecurityGroupId } : {}),
      loadBalancerIdleTimeoutSeconds: config.edge.idleTimeoutSeconds,
      egress,
      publicHost: config.edge.domainName,
      database,
      fileStorage,
      edge,
      initialised: [initialiser.invocation],
      deploymentAlarms: {
        topicArn: alarms.topicArn,
        serverErrorPercent: config.alarms.alb.serverErrorPercent,
        unhealthyTargets: config.alarms.alb.unhealthyTargets,
      },
    });
    const observability = new Observability(this, "observability", {
      prefix: config.prefix,
      region: config.region,
      topicArn: alarms.topicArn,
      thresholds: config.alarms,
      loadBalancerArnSuffix: edge.loadBalancerArnSuffix,
      targetGroupArnSuffix: edge.dashboardTargetGroupArnSuffix,
      dbInstanceIdentifier: database.instanceIdentifier,
      fileSystemId: fileStorage.fileSystemId,
      throughputMode: config.fileStorage.throughputMode,
      ...(uploads ? { uploadSync: { functionName: uploads.functionName, deadLetterQueueName: uploads.deadLetterQueueName } } : {}),
      services: {
        clusterName: compute.cluster.clusterName,
        serviceNames: [compute.dashboard, compute.scheduler, compute.renderer, compute.pirana].flatMap((s) => (s ? [s.serviceName] : [])),
      },
    });
    this.tiers = new Map<string, Construct>([
      ["network", network],
      ["database", database],
      ["file-storage", fileStorage],
      ["backup", backup],
      ["alarms", alarms],
      ["edge", edge],
      ["efs-initialiser", initialiser],
      ...(uploads ? ([["upload-sync", uploads]] as const) : []),
      ["observability", observability],
      ["compute", compute],
    ]);

    new TerraformOutput(this, "vpc_id", { value: network.vpcId, description: "Id of the VPC the deployment runs in." });
    for (const tier of ["public", "app", "data"] as const) {
      new TerraformOutput(this, `${tier}_subnet_ids`, {
        value: network.subnetIds[tier],
        description: `Ids of the ${tier} subnets, in availability-zone order.`,
      });
    }
    addDataOutputs(this, { database, fileStorage, backup });
    addEdgeOutputs(this, { edge, alarms });
    addComputeOutputs(this, compute);
    new TerraformOutput(this, "operations_dashboard_name", {
      value: observability.dashboardName,
      description: "CloudWatch dashboard with the metrics behind every alarm.",
    });
    if (uploads) {
      new TerraformOutput(this, "upload_bucket_name", {
        value: uploads.bucketName,
        description: "S3 bucket for themes, images and other files: objects under <directory>/ are copied onto EFS.",
      });
    }
  }

  private configureBackend(config: EnvironmentConfig, localStatePath: string | undefined): void {
    if (config.state.backend === "local") {
      new LocalBackend(this, { path: localStatePath ?? config.state.path });
      return;
    }
    const backend = new S3Backend(this, {
      bucket: config.state.bucket,
      key: config.state.key,
      region: config.state.region,
      encrypt: true,
      ...(config.state.kmsKeyId ? { kmsKeyId: config.state.kmsKeyId } : {}),
    });
    // cdktf 0.21 has no typed `useLockfile`; the override lands in terraform.backend.s3.
    backend.addOverride("use_lockfile", true);
  }
}
