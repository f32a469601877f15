/**
 * One Panintelligence service on Fargate: its log group, its own security group (no rules but the ones the tier adds,
 * HTTPS out for AWS APIs and registries), separate execution and task roles (the execution role reads only this
 * service's secrets; the task role mounts only this service's access points), a task definition (awsvpc, init
 * process, long stop timeout, EFS volumes through access points with TLS and IAM, secrets by `valueFrom`), and the ECS
 * service (private subnets, no public IP, platform LATEST, circuit breaker with rollback, Service Connect names,
 * desired count owned by autoscaling after create).
 */
import { Construct } from "constructs";
import { documentString, numberString } from "../number-string";
import { Fn, type ITerraformDependable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { AccessPointRef } from "../data/file-storage";
import { partitionOf } from "../partition";
import { secretLookingNames } from "./environment";
import { AFTER_IMAGE_DEFAULTS, imageDefaultMounts, imageDefaultsContainer } from "./image-defaults";

/** A container port, published under a Service Connect name (`http://<name>:<port>` for the other services). */
export interface ServicePort {
  /** Port-mapping and Service Connect name, e.g. `renderer` or `dashboard-internal`. */
  readonly name: string;
  readonly port: number;
  /** Publish it through Service Connect. @default true (false: only the load balancer sends to it) */
  readonly serviceConnect?: boolean;
}

/** One secret environment variable: ECS resolves `valueFrom` at task start with the execution role. */
export interface ContainerSecret {
  readonly name: string;
  /** Secrets Manager ARN, optionally with a JSON key: `<arn>:password::`. */
  readonly valueFrom: string;
  /** The secret's ARN (what the execution role may read). */
  readonly secretArn: string;
}

/** One EFS directory mounted into the container through its access point. */
export interface EfsMount {
  /** Volume name (the directory, e.g. `themes`). */
  readonly volume: string;
  readonly accessPoint: AccessPointRef;
  readonly containerPath: string;
}

export interface FargateServiceProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  /** The service's short name (`dashboard`, `scheduler`, …): container, log group, role and service names. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterArn: string;
  /** Service Connect namespace ARN. */
  readonly namespaceArn: string;
  readonly vpcId: string;
  /** Private app subnets the tasks run in. */
  readonly subnetIds: readonly string[];
  /** Extra groups on every task, e.g. the VPC endpoints' client group. @default none (the service's own group only) */
  readonly extraSecurityGroupIds?: readonly string[];
  /** `repository:tag`. */
  readonly image: string;
  readonly cpu: number;
  readonly memoryMib: number;
  readonly ports: readonly ServicePort[];
  /** Timeouts of this service's Service Connect routes (Envoy's per-request default is 15 s). @default Envoy's */
  readonly serviceConnectTimeout?: { readonly perRequestTimeoutSeconds: number; readonly idleTimeoutSeconds: number };
  /** Plain (non-secret) environment variables. */
  readonly environment: Readonly<Record<string, string>>;
  /** Container secrets, read by the execution role from Secrets Manager at start. @default none */
  readonly secrets?: readonly ContainerSecret[];
  /** Secret with `username`/`password` for a private registry. @default none */
  readonly registryCredentialsSecretArn?: string;
  /** EFS file system the `mounts` come from. @default none (no EFS volumes) */
  readonly fileSystemId?: string;
  /** EFS directories (access points) to mount. @default none */
  readonly mounts?: readonly EfsMount[];
  /** IAM statement for mounting `mounts` (FileStorage.clientPolicyStatement). @default none (no EFS permissions) */
  readonly efsStatement?: Record<string, unknown>;
  /** `FARGATE` or `FARGATE_SPOT`. */
  readonly capacityProvider: "FARGATE" | "FARGATE_SPOT";
  /** Desired count at creation; afterwards autoscaling (or the operator) owns it. */
  readonly desiredCount: number;
  readonly deploymentMinimumHealthyPercent: number;
  readonly deploymentMaximumPercent: number;
  /**
   * CloudWatch alarms that watch a deployment; `enabled` stops and rolls it back when one fires. Switched off, the block
   * stays with its names and `enable = false`, so the service really turns them off (a removed block changes nothing).
   * There is no block without names: the provider refuses an empty list before it calls AWS ("missing required field
   * ... AlarmNames", found by the apply rehearsal).
   * @default none (no alarms block)
   */
  readonly deploymentAlarms?: { readonly names: readonly string[]; readonly enabled: boolean };
  /** Terraform keeps `desired_count` at `desiredCount` (a singleton nothing autoscales). @default false: set only at creation */
  readonly manageDesiredCount?: boolean;
  /** Behind a load-balancer target group. @default none */
  readonly loadBalancer?: { readonly targetGroupArn: string; readonly containerPort: number; readonly healthCheckGracePeriodSeconds: number };
  readonly waitForSteadyState: boolean;
  readonly enableExecuteCommand: boolean;
  /** Exec session log group (the task role writes to it when exec is on). */
  readonly execLogGroupName: string;
  /** A pipeline owns task definitions: Terraform ignores `task_definition` on the service. */
  readonly ignoreTaskDefinitionChanges: boolean;
  readonly stopTimeoutSeconds: number;
  readonly logRetentionDays: number;
  /** What the service must wait for (EFS initialiser, listener rule, capacity providers). @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Called with the service's security group before the ECS service is declared: create the rules its tasks need at
   * start (database, EFS) and return them, so the first tasks never start before their network paths exist.
   * @default none (no rules ordered before the service)
   */
  readonly beforeService?: (securityGroupId: string) => readonly ITerraformDependable[];
}

export class FargateService extends Construct {
  public readonly serviceName: string;
  public readonly securityGroupId: string;
  public readonly logGroupName: string;
  public readonly taskRoleArn: string;
  public readonly executionRoleArn: string;
  public readonly taskDefinitionArn: string;
  /** The ECS service (autoscaling targets depend on it). */
  public readonly service: EcsService;
  private readonly name: string;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    // Defence in depth behind preflight: a secret never goes into the task definition's plain environment.
    const leaked = secretLookingNames(props.environment);
    if (leaked.length > 0) {
      throw new Error(`FargateService ${props.name}: ${leaked.join(", ")} look like secrets; pass them as secrets (valueFrom), not environment`);
    }
    const partition = partitionOf(props.region);
    const fullName = `${props.prefix}-${props.name}`;
    this.name = props.name;

    const logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: `/ecs/${props.prefix}/${props.name}`,
      retentionInDays: props.logRetentionDays,
    });

    const securityGroup = new SecurityGroup(this, "security_group", {
      name: fullName,
      description: `Panintelligence ${props.name} tasks`,
      vpcId: props.vpcId,
      tags: { Name: fullName },
    });
    new VpcSecurityGroupEgressRule(this, "https_egress", {
      securityGroupId: securityGroup.id,
      description: "HTTPS to AWS APIs (ECR, Logs, Secrets Manager) and the image registry",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    const assumeEcsTasks = Fn.jsonencode({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": props.accountId },
            ArnLike: { "aws:SourceArn": `arn:${partition}:ecs:${props.region}:${props.accountId}:*` },
          },
        },
      ],
    });

    // Execution role: pull the image, write the container's logs, read this service's secrets, nothing else.
    const executionRole = new IamRole(this, "execution_role", {
      name: `${fullName}-exec`,
      description: `ECS agent for ${fullName}: image pull, logs, its secrets`,
      assumeRolePolicy: assumeEcsTasks,
    });
    const executionPolicies: ITerraformDependable[] = [
      new IamRolePolicyAttachment(this, "execution_managed", {
        role: executionRole.name,
        policyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
      }),
    ];
    const secretArns = unique([
      ...(props.secrets ?? []).map((s) => s.secretArn),
      ...(props.registryCredentialsSecretArn ? [props.registryCredentialsSecretArn] : []),
    ]);
    if (secretArns.length > 0) {
      executionPolicies.push(
        new IamRolePolicy(this, "execution_secrets", {
          name: "secrets",
          role: executionRole.id,
          policy: Fn.jsonencode({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: secretArns }],
          }),
        }),
      );
    }

    // Task role: what the application itself may do: mount its access points, and ECS Exec when enabled.
    const taskRole = new IamRole(this, "task_role", {
      name: `${fullName}-task`,
      description: `Panintelligence ${props.name} application`,
      assumeRolePolicy: assumeEcsTasks,
    });
    const taskStatements: Record<string, unknown>[] = [
      ...(props.efsStatement ? [props.efsStatement] : []),
      ...(props.enableExecuteCommand ? execStatements(partition, props.region, props.accountId, props.execLogGroupName) : []),
    ];
    const taskPolicies: ITerraformDependable[] = [];
    if (taskStatements.length > 0) {
      taskPolicies.push(
        new IamRolePolicy(this, "task_policy", {
          name: "application",
          role: taskRole.id,
          policy: Fn.jsonencode({ Version: "2012-10-17", Statement: taskStatements }),
        }),
      );
    }

    const mounts = props.mounts ?? [];
    const logOptions = {
      "awslogs-group": logGroup.name,
      "awslogs-region": props.region,
      "awslogs-stream-prefix": props.name,
      mode: "non-blocking",
      "max-buffer-size": "25m",
    };
    const repositoryCredentials = props.registryCredentialsSecretArn ? { credentialsParameter: props.registryCredentialsSecretArn } : undefined;
    // Every mounted folder gets the image's defaults before the service starts (image-defaults.ts).
    const defaultMounts = imageDefaultMounts(mounts);
    const defaults =
      defaultMounts.length > 0
        ? imageDefaultsContainer({ image: props.image, mounts: defaultMounts, logOptions, ...(repositoryCredentials ? { repositoryCredentials } : {}) })
        : undefined;
    const container: Record<string, unknown> = {
      name: props.name,
      image: props.image,
      essential: true,
      portMappings: props.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: "tcp", appProtocol: "http" })),
      environment: Object.keys(props.environment)
        .sort()
        .map((name) => ({ name, value: documentString(props.environment[name]) })),
      secrets: [...(props.secrets ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
      mountPoints: mounts.map((m) => ({ sourceVolume: m.volume, containerPath: m.containerPath, readOnly: false })),
      linuxParameters: { initProcessEnabled: true },
      stopTimeout: props.stopTimeoutSeconds,
      logConfiguration: { logDriver: "awslogs", options: logOptions },
      ...(repositoryCredentials ? { repositoryCredentials } : {}),
      ...(defaults ? AFTER_IMAGE_DEFAULTS : {}),
    };

    const taskDefinition = new EcsTaskDefinition(this, "task_definition", {
      family: fullName,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: numberString(props.cpu),
      memory: numberString(props.memoryMib),
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      containerDefinitions: Fn.jsonencode(defaults ? [container, defaults] : [container]),
      volume: mounts.map((m) => ({
        name: m.volume,
        efsVolumeConfiguration: {
          fileSystemId: props.fileSystemId ?? "",
          transitEncryption: "ENABLED",
          authorizationConfig: { accessPointId: m.accessPoint.id, iam: "ENABLED" },
        },
      })),
      tags: { Name: fullName },
    });

    const startPaths = props.beforeService?.(securityGroup.id) ?? [];
    const ignoreChanges = [...(props.manageDesiredCount ? [] : ["desired_count"]), ...(props.ignoreTaskDefinitionChanges ? ["task_definition"] : [])];
    this.service = new EcsService(this, "service", {
      name: props.name,
      cluster: props.clusterArn,
      taskDefinition: taskDefinition.arn,
      desiredCount: props.desiredCount,
      capacityProviderStrategy: [{ capacityProvider: props.capacityProvider, weight: 1, base: 0 }],
      platformVersion: "LATEST",
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [securityGroup.id, ...(props.extraSecurityGroupIds ?? [])],
        assignPublicIp: false,
      },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...(props.deploymentAlarms && props.deploymentAlarms.names.length > 0
        ? { alarms: { alarmNames: [...props.deploymentAlarms.names], enable: props.deploymentAlarms.enabled, rollback: props.deploymentAlarms.enabled } }
        : {}),
      deploymentMinimumHealthyPercent: props.deploymentMinimumHealthyPercent,
      deploymentMaximumPercent: props.deploymentMaximumPercent,
      ...(props.loadBalancer
        ? {
            loadBalancer: [{ targetGroupArn: props.loadBalancer.targetGroupArn, containerName: props.name, containerPort: props.loadBalancer.containerPort }],
            healthCheckGracePeriodSeconds: props.loadBalancer.healthCheckGracePeriodSeconds,
          }
        : {}),
      enableExecuteCommand: props.enableExecuteCommand,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      waitForSteadyState: props.waitForSteadyState,
      serviceConnectConfiguration: {
        enabled: true,
        namespace: props.namespaceArn,
        service: props.ports
          .filter((p) => p.serviceConnect !== false)
          .map((p) => ({
            portName: p.name,
            discoveryName: p.name,
            clientAlias: { port: p.port, dnsName: p.name },
            ...(props.serviceConnectTimeout ? { timeout: { ...props.serviceConnectTimeout } } : {}),
          })),
        logConfiguration: {
          logDriver: "awslogs",
          options: { "awslogs-group": logGroup.name, "awslogs-region": props.region, "awslogs-stream-prefix": "service-connect" },
        },
      },
      lifecycle: { ignoreChanges },
      dependsOn: [...executionPolicies, ...taskPolicies, ...startPaths, ...(props.dependsOn ?? [])],
      tags: { Name: fullName },
    });

    this.serviceName = this.service.name;
    this.securityGroupId = securityGroup.id;
    this.logGroupName = logGroup.name;
    this.taskRoleArn = taskRole.arn;
    this.executionRoleArn = executionRole.arn;
    this.taskDefinitionArn = taskDefinition.arn;
  }

  /**
   * Lets `client` (another service) call this service on `port`: egress from the client's group and ingress to this
   * one, both by security-group reference.
   */
  public allowFrom(client: FargateService, port: number): ITerraformDependable[] {
    const label = `${client.name} to ${this.name} ${port}`;
    const id = `${client.name}_${port}`.replace(/-/g, "_");
    return [
      new VpcSecurityGroupIngressRule(this, `ingress_${id}`, {
        securityGroupId: this.securityGroupId,
        description: label,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: client.securityGroupId,
      }),
      new VpcSecurityGroupEgressRule(client, `egress_${this.name.replace(/-/g, "_")}_${port}`, {
        securityGroupId: client.securityGroupId,
        description: label,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: this.securityGroupId,
      }),
    ];
  }
}

/** ECS Exec from inside the task: SSM channels, and writing the session log. */
function execStatements(partition: string, region: string, accountId: string, logGroupName: string): Record<string, unknown>[] {
  const logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
  return [
    {
      Effect: "Allow",
      Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
      Resource: "*",
    },
    { Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` },
  ];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
