/**
 * The ECS cluster: Container Insights on, FARGATE and FARGATE_SPOT capacity providers (FARGATE by default), ECS Exec
 * sessions logged to their own log group, and the Service Connect namespace the services find each other in.
 */
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { ServiceDiscoveryHttpNamespace } from "@cdktf/provider-aws/lib/service-discovery-http-namespace";

export interface ClusterProps {
  /** Resource-name prefix (`<project>-<environment>`): the cluster's name. */
  readonly prefix: string;
  /** Retention of the ECS Exec session log group, in days. */
  readonly logRetentionDays: number;
}

export class Cluster extends Construct {
  public readonly clusterArn: string;
  public readonly clusterName: string;
  /** ARN of the Service Connect (Cloud Map HTTP) namespace. */
  public readonly namespaceArn: string;
  /** Name of the Service Connect namespace (`<prefix>.internal`). */
  public readonly namespaceName: string;
  /** Log group that records ECS Exec sessions. */
  public readonly execLogGroupName: string;
  /** What a service must depend on: the capacity providers are attached. */
  public readonly capacityProviders: EcsClusterCapacityProviders;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    const { prefix } = props;
    const namespace = new ServiceDiscoveryHttpNamespace(this, "namespace", {
      name: `${prefix}.internal`,
      description: `Service Connect names of the ${prefix} Panintelligence services`,
    });
    const execLogs = new CloudwatchLogGroup(this, "exec_logs", {
      name: `/ecs/${prefix}/exec`,
      retentionInDays: props.logRetentionDays,
    });
    const cluster = new EcsCluster(this, "cluster", {
      name: prefix,
      setting: [{ name: "containerInsights", value: "enabled" }],
      configuration: {
        executeCommandConfiguration: {
          logging: "OVERRIDE",
          // The log group is encrypted at rest by CloudWatch Logs; `cloud_watch_encryption_enabled` would demand a KMS key on it.
          logConfiguration: { cloudWatchLogGroupName: execLogs.name, cloudWatchEncryptionEnabled: false },
        },
      },
      serviceConnectDefaults: { namespace: namespace.arn },
      tags: { Name: prefix },
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, "capacity_providers", {
      clusterName: cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
    });
    this.clusterArn = cluster.arn;
    this.clusterName = cluster.name;
    this.namespaceArn = namespace.arn;
    this.namespaceName = namespace.name;
    this.execLogGroupName = execLogs.name;
  }
}
