/**
 * Compute tier: the ECS cluster (Container Insights, FARGATE/FARGATE_SPOT, ECS Exec logging, Service Connect
 * namespace) and the Panintelligence services on Fargate: the dashboard behind the load balancer, the singleton
 * scheduler, the renderer and pirana. The services call each other by Service Connect names; their security groups
 * admit exactly those flows (by group reference), plus MariaDB and NFS where a service needs them.
 */
import { Construct } from "constructs";
import { Token, type IResolvable, type ITerraformDependable } from "cdktf";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { defaultTomcatHeapMb, type ComputeConfig, type WorkerConfig } from "../../config/schema/compute";
import { serviceConnectTimeouts } from "../../config/schema/runtime";
import { NFS_PORT, type AccessPointRef, type PanintelligenceDirectory } from "../data/file-storage";
import { Cluster } from "./cluster";
import { DeploymentAlarms } from "./deployment-alarms";
import { PORTS, SERVICE_NAMES, dashboardEnvironment, piranaEnvironment, rendererEnvironment, schedulerEnvironment } from "./environment";
import { FargateService, type ContainerSecret, type EfsMount } from "./fargate-service";
import { licenceSecret } from "./licence-secret";
import { PreUpgradeSnapshot } from "./pre-upgrade-snapshot";
import { RedeployOnSecretChange } from "./redeploy-on-secret-change";
import { FirstStartRedeploy } from "./first-start-redeploy";
import { flowsAmong, startOrder, type ServiceName } from "./service-flows";
import { ServiceEgress } from "./service-egress";
import type { EgressFlow } from "../../config/egress-flows";
import { ServiceScaling } from "./service-scaling";

/** Where the dashboard's resources live in the image (vendor layout, reference §5). */
const RESOURCES = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources";

/**
 * Container path of every EFS directory the dashboard mounts. `custom_jdbc`: the vendor's Docker documentation and
 * its firebolt Dockerfile put drivers in `tomcat/custom_jdbc_drivers` (what the image's Tomcat loads); the vendor's
 * Terraform mounts `Dashboard/custom_jdbc`, a path no image documentation mentions, so we follow the image.
 * `excel-data` is for the excel-reader, which no vendor AWS deployment runs: not mounted.
 */
export const DASHBOARD_MOUNT_PATHS: Readonly<Partial<Record<PanintelligenceDirectory, string>>> = {
  themes: `${RESOURCES}/themes`,
  images: `${RESOURCES}/images`,
  files: `${RESOURCES}/files`,
  svg: `${RESOURCES}/svg`,
  locale: `${RESOURCES}/locale`,
  custom_jdbc: "/var/panintelligence/Dashboard/tomcat/custom_jdbc_drivers",
  keys: "/var/panintelligence/Dashboard/keys",
};

/** The database as the services see it. */
export interface ComputeDatabase {
  readonly address: string;
  readonly port: number;
  readonly schemaName: string;
  readonly securityGroupId: string;
  /** RDS instance identifier (the pre-upgrade snapshot is taken of it). */
  readonly instanceIdentifier: string;
  /** The instance (the snapshot comes after it, and is deleted before it on destroy). */
  readonly instance: ITerraformDependable;
  /** RDS-managed secret (JSON keys username, password). */
  readonly masterSecretArn: string;
  allowFrom(securityGroupId: string, description: string): ITerraformDependable;
}

/** The file system as the services see it. */
export interface ComputeFileStorage {
  readonly fileSystemId: string;
  readonly securityGroupId: string;
  readonly accessPoints: Readonly<Record<PanintelligenceDirectory, AccessPointRef>>;
  readonly mountTargets: readonly ITerraformDependable[];
  allowFrom(securityGroupId: string, description: string): ITerraformDependable;
  clientPolicyStatement(accessPoints: readonly AccessPointRef[], options?: { readonly readOnly?: boolean }): Record<string, unknown>;
}

/** The load balancer as the dashboard sees it. */
export interface ComputeEdge {
  readonly dashboardTargetGroupArn: string;
  readonly dashboardPort: number;
  readonly dashboardRoute: ITerraformDependable;
  readonly dashboardRequestCountResourceLabel: string;
  /** CloudWatch dimensions of the load balancer and the dashboard target group (deployment alarms). */
  readonly loadBalancerArnSuffix: string;
  readonly dashboardTargetGroupArnSuffix: string;
  allowToService(securityGroupId: string, port: number, description: string): void;
  enableStickiness(): void;
}

export interface ComputeProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  /** The `compute` section of the environment. */
  readonly compute: ComputeConfig;
  /** Retention of every log group of the tier, in days. */
  readonly logRetentionDays: number;
  readonly vpcId: string;
  /** Private app subnets the tasks run in. */
  readonly subnetIds: readonly string[];
  /** The VPC endpoints' client group: attached to every task when interface endpoints exist. @default none */
  readonly endpointClientSecurityGroupId?: string;
  /** The load balancer's idle timeout: the default of the Service Connect timeouts. */
  readonly loadBalancerIdleTimeoutSeconds: number;
  /** The public host name of the dashboard (PI_PROXY_HOST). */
  readonly publicHost: string;
  /** Connections beyond the stack (data sources, mail): security-group egress on the services named. @default none */
  readonly egress?: readonly EgressFlow[];
  readonly database: ComputeDatabase;
  readonly fileStorage: ComputeFileStorage;
  readonly edge: ComputeEdge;
  /** What must have run before any task starts (the EFS initialiser's invocation). */
  readonly initialised: readonly ITerraformDependable[];
  /** The dashboard's deployment alarms: the topic they notify and their thresholds (the load-balancer alarm settings). */
  readonly deploymentAlarms: { readonly topicArn: string; readonly serverErrorPercent: number; readonly unhealthyTargets: number };
}

export class Compute extends Construct {
  public readonly cluster: Cluster;
  public readonly dashboard: FargateService;
  public readonly scheduler?: FargateService;
  public readonly renderer?: FargateService;
  public readonly pirana?: FargateService;
  /** ARN of the secret PI_LICENCE comes from (created empty, or the configured one). */
  public readonly licenceSecretArn: string;
  /** True when this stack created the licence secret (the operator fills it). */
  public readonly licenceSecretCreated: boolean;
  /** The manual snapshot of the database taken before the services roll to the configured version. */
  public readonly preUpgradeSnapshot: PreUpgradeSnapshot;
  /** Redeploys the services that read a secret when it changes (EventBridge → SSM Automation → ecs:UpdateService). */
  public readonly redeploy: RedeployOnSecretChange;
  /** Autoscaling resource ids (`service/<cluster>/<service>`) by service name. */
  public readonly scaledServices: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id);
    const { prefix, compute: config } = props;
    this.cluster = new Cluster(this, "cluster", { prefix, logRetentionDays: props.logRetentionDays });

    // A placeholder until the operator puts the licence, so the first deploy starts (licence-secret.ts).
    const licence = licenceSecret(this, prefix, config.licenceSecretArn);
    this.licenceSecretArn = licence.secretArn;
    this.licenceSecretCreated = licence.created;

    const db = props.database;
    // Taken before any service that uses the schema rolls to a new version.
    this.preUpgradeSnapshot = new PreUpgradeSnapshot(this, "pre_upgrade", {
      prefix,
      dbInstanceIdentifier: db.instanceIdentifier,
      instance: db.instance,
      version: config.dashboard.tag,
    });
    const dbSecrets: ContainerSecret[] = [
      { name: "PI_DB_USERNAME", valueFrom: `${db.masterSecretArn}:username::`, secretArn: db.masterSecretArn },
      { name: "PI_DB_PASSWORD", valueFrom: `${db.masterSecretArn}:password::`, secretArn: db.masterSecretArn },
    ];
    const dbEndpoint = { host: db.address, port: Token.asString(db.port), schemaName: db.schemaName };
    const image = (c: { repository: string; tag: string }) => `${c.repository}:${c.tag}`;
    const common = {
      prefix,
      region: props.region,
      accountId: props.accountId,
      clusterArn: this.cluster.clusterArn,
      namespaceArn: this.cluster.namespaceArn,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      ...(props.endpointClientSecurityGroupId ? { extraSecurityGroupIds: [props.endpointClientSecurityGroupId] } : {}),
      ...(config.registryCredentialsSecretArn ? { registryCredentialsSecretArn: config.registryCredentialsSecretArn } : {}),
      waitForSteadyState: config.waitForSteadyState,
      enableExecuteCommand: config.enableExecuteCommand,
      execLogGroupName: this.cluster.execLogGroupName,
      ignoreTaskDefinitionChanges: config.imageOwner === "pipeline",
      stopTimeoutSeconds: config.stopTimeoutSeconds,
      serviceConnectTimeout: serviceConnectTimeouts(config.serviceConnect, props.loadBalancerIdleTimeoutSeconds),
      logRetentionDays: props.logRetentionDays,
      dependsOn: [this.cluster.capacityProviders, ...props.initialised, ...props.fileStorage.mountTargets],
    };
    const mountsOf = (dirs: readonly PanintelligenceDirectory[]): EfsMount[] =>
      dirs.map((dir) => ({ volume: dir, accessPoint: props.fileStorage.accessPoints[dir], containerPath: DASHBOARD_MOUNT_PATHS[dir]! }));
    const efsFor = (mounts: readonly EfsMount[]) => ({
      fileSystemId: props.fileStorage.fileSystemId,
      mounts,
      efsStatement: props.fileStorage.clientPolicyStatement(mounts.map((m) => m.accessPoint)),
    });

    // Dashboard: behind the load balancer on 8224; internal callbacks on 28748.
    const d = config.dashboard;
    const dashboardMounts = mountsOf(Object.keys(DASHBOARD_MOUNT_PATHS) as PanintelligenceDirectory[]);
    this.dashboard = new FargateService(this, "dashboard", {
      ...common,
      name: "dashboard",
      image: image(d),
      cpu: d.cpu,
      memoryMib: d.memoryMib,
      ports: [
        { name: "dashboard", port: PORTS.dashboard, serviceConnect: false },
        { name: SERVICE_NAMES.dashboardInternal, port: PORTS.dashboardInternal },
      ],
      environment: dashboardEnvironment({
        database: dbEndpoint,
        publicHost: props.publicHost,
        tomcatMaxMemoryMb: d.tomcatMaxMemoryMb ?? defaultTomcatHeapMb(d.memoryMib),
        scheduler: config.scheduler.enabled,
        renderer: config.renderer.enabled,
        pirana: config.pirana.enabled,
        ...(d.embedding ? { embeddingOrigins: d.embedding.allowedOrigins } : {}),
        extra: d.environment,
      }),
      secrets: [...dbSecrets, { name: "PI_LICENCE", valueFrom: this.licenceSecretArn, secretArn: this.licenceSecretArn }],
      ...efsFor(dashboardMounts),
      capacityProvider: "FARGATE",
      desiredCount: d.scaling.min,
      // Stop the old version before the new one starts: two versions never run against one schema (a short outage).
      deploymentMinimumHealthyPercent: 0,
      deploymentMaximumPercent: 100,
      deploymentAlarms: { names: this.deploymentAlarms(props).alarmNames, enabled: d.deploymentAlarms },
      loadBalancer: {
        targetGroupArn: props.edge.dashboardTargetGroupArn,
        containerPort: props.edge.dashboardPort,
        healthCheckGracePeriodSeconds: d.healthCheckGracePeriodSeconds,
      },
      dependsOn: [...common.dependsOn, props.edge.dashboardRoute, ...licence.ready, this.preUpgradeSnapshot.snapshot],
      beforeService: (sg) => this.startPaths("dashboard", sg, db, props.fileStorage),
    });
    props.edge.allowToService(this.dashboard.securityGroupId, props.edge.dashboardPort, `ECS dashboard service HTTP ${props.edge.dashboardPort}`);

    // Scheduler: a singleton. Desired 1 (kept by Terraform), never autoscaled, never Spot; min 0 / max 100 so two never
    // run together. It rolls only after the dashboard's deployment, so it never runs a new version on an unmigrated schema.
    if (config.scheduler.enabled) {
      const s = config.scheduler;
      this.scheduler = new FargateService(this, "scheduler", {
        ...common,
        name: "scheduler",
        image: image(s),
        cpu: s.cpu,
        memoryMib: s.memoryMib,
        ports: [{ name: SERVICE_NAMES.scheduler, port: PORTS.scheduler }],
        environment: schedulerEnvironment(dbEndpoint, s.environment),
        secrets: dbSecrets,
        ...efsFor(mountsOf(["keys"])),
        capacityProvider: "FARGATE",
        desiredCount: 1,
        manageDesiredCount: true,
        deploymentMinimumHealthyPercent: 0,
        deploymentMaximumPercent: 100,
        dependsOn: [...common.dependsOn, this.preUpgradeSnapshot.snapshot, this.dashboard.service],
        beforeService: (sg) => this.startPaths("scheduler", sg, db, props.fileStorage),
      });
    }

    const worker = (name: "renderer" | "pirana", c: WorkerConfig, port: number, environment: Record<string, string>) => {
      const service = new FargateService(this, name, {
        ...common,
        name,
        image: image(c),
        cpu: c.cpu,
        memoryMib: c.memoryMib,
        ports: [{ name: SERVICE_NAMES[name], port }],
        environment,
        capacityProvider: c.spot ? "FARGATE_SPOT" : "FARGATE",
        desiredCount: c.scaling?.min ?? 1,
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
      });
      return service;
    };
    if (config.renderer.enabled) {
      this.renderer = worker("renderer", config.renderer, PORTS.renderer, rendererEnvironment(config.renderer.environment));
    }
    if (config.pirana.enabled) this.pirana = worker("pirana", config.pirana, PORTS.pirana, piranaEnvironment(config.pirana.environment));

    // The calls between services (service-flows.ts), each opened in both groups; servers start before their clients.
    const running = this.services as ReadonlyMap<ServiceName, FargateService>;
    const names = new Set(running.keys());
    for (const flow of flowsAmong(names)) running.get(flow.server)!.allowFrom(running.get(flow.client)!, flow.port);
    // The scheduler is pinned after the dashboard (its dependsOn above): the upgrade order wins over servers-first.
    const order = startOrder(names, ["scheduler"]);
    for (const [name, before] of order.after) {
      const service = running.get(name)!.service;
      service.dependsOn = [...(service.dependsOn ?? []), ...before.map((b) => dependsOnEntry(running.get(b)!.service))];
    }
    new ServiceEgress(this, "egress", { flows: props.egress ?? [], services: running });

    // Autoscaling: the dashboard always has a target (min = max = 1 by default), the scheduler never.
    const scaled = new Map<string, string>();
    const ds = d.scaling;
    if (Math.max(ds.max, ds.officeHours?.max ?? 0) > 1) props.edge.enableStickiness();
    scaled.set(
      "dashboard",
      new ServiceScaling(this, "dashboard_scaling", {
        name: `${prefix}-dashboard`,
        clusterName: this.cluster.clusterName,
        service: this.dashboard.service,
        min: ds.min,
        max: ds.max,
        cpuTargetPercent: ds.cpuTargetPercent,
        scaleInCooldownSeconds: ds.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: ds.scaleOutCooldownSeconds,
        ...(ds.requestsPerTarget ? { requestsPerTarget: { target: ds.requestsPerTarget, resourceLabel: props.edge.dashboardRequestCountResourceLabel } } : {}),
        ...(ds.officeHours ? { officeHours: ds.officeHours } : {}),
      }).resourceId,
    );
    for (const [name, service, c] of [
      ["renderer", this.renderer, config.renderer],
      ["pirana", this.pirana, config.pirana],
    ] as const) {
      if (!service || !c.scaling) continue;
      scaled.set(
        name,
        new ServiceScaling(this, `${name}_scaling`, {
          name: `${prefix}-${name}`,
          clusterName: this.cluster.clusterName,
          service: service.service,
          min: c.scaling.min,
          max: c.scaling.max,
          cpuTargetPercent: c.scaling.cpuTargetPercent,
          scaleInCooldownSeconds: c.scaling.scaleInCooldownSeconds,
          scaleOutCooldownSeconds: c.scaling.scaleOutCooldownSeconds,
        }).resourceId,
      );
    }
    this.scaledServices = scaled;

    // A rotated DB password or a new licence reaches tasks only through a new deployment.
    const services = this.services;
    this.redeploy = new RedeployOnSecretChange(this, "redeploy", {
      prefix,
      region: props.region,
      accountId: props.accountId,
      clusterName: prefix,
      secrets: [
        {
          id: "db",
          secretArn: db.masterSecretArn,
          eventNames: ["RotationSucceeded"],
          services: ["dashboard", ...(services.has("scheduler") ? ["scheduler"] : [])],
        },
        { id: "licence", secretArn: this.licenceSecretArn, eventNames: ["PutSecretValue", "UpdateSecret", "RotationSucceeded"], services: ["dashboard"] },
      ],
      alsoServices: order.redeployOnceAllExist,
    });
    if (order.redeployOnceAllExist.length > 0) {
      new FirstStartRedeploy(this, "first_start", {
        prefix,
        clusterName: prefix,
        documentName: this.redeploy.documentName,
        automationRoleArn: this.redeploy.automationRoleArn,
        clients: order.redeployOnceAllExist.map((name) => ({ name, service: running.get(name)!.service })),
        after: [...[...running.values()].map((s) => s.service), ...this.redeploy.ready],
      });
    }
  }

  /** The dashboard's deployment alarms (deployment-alarms.ts). */
  private deploymentAlarms(props: ComputeProps): DeploymentAlarms {
    return new DeploymentAlarms(this, "deployment_alarms", {
      prefix: props.prefix,
      loadBalancerArnSuffix: props.edge.loadBalancerArnSuffix,
      targetGroupArnSuffix: props.edge.dashboardTargetGroupArnSuffix,
      topicArn: props.deploymentAlarms.topicArn,
      serverErrorPercent: props.deploymentAlarms.serverErrorPercent,
      unhealthyTargets: props.deploymentAlarms.unhealthyTargets,
    });
  }

  /** Every service that runs, by name. */
  public get services(): ReadonlyMap<string, FargateService> {
    const all: [string, FargateService | undefined][] = [
      ["dashboard", this.dashboard],
      ["scheduler", this.scheduler],
      ["renderer", this.renderer],
      ["pirana", this.pirana],
    ];
    return new Map(all.filter((e): e is [string, FargateService] => e[1] !== undefined));
  }

  /** MariaDB and NFS for one service: egress from its group and ingress on the database's and file system's. */
  private startPaths(label: string, securityGroupId: string, db: ComputeDatabase, fs: ComputeFileStorage): ITerraformDependable[] {
    const egress = (id: string, port: number, to: string, description: string) =>
      new VpcSecurityGroupEgressRule(this, `${label}_egress_${id}`, {
        securityGroupId,
        description,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: to,
      });
    return [
      egress("database", db.port, db.securityGroupId, `${label} to the repository database`),
      db.allowFrom(securityGroupId, `ECS ${label} service`),
      egress("efs", NFS_PORT, fs.securityGroupId, `${label} to the EFS mount targets`),
      fs.allowFrom(securityGroupId, `ECS ${label} service`),
    ];
  }
}

/** A `depends_on` entry added after construction: the bare address, as cdktf writes the ones given to a constructor. */
function dependsOnEntry(dependable: ITerraformDependable): string {
  const bare: IResolvable = {
    creationStack: [],
    resolve: (context) => {
      context.suppressBraces = true;
      return dependable.fqn;
    },
  };
  return Token.asString(bare);
}
