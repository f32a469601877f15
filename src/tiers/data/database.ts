/**
 * The repository database: RDS for MariaDB in the data subnets with the Panintelligence parameter group, the audit
 * plugin, log exports with retention, enhanced monitoring, automated backups, an RDS-managed master password in
 * Secrets Manager (never in the JSON or state) and a security group the compute tier opens per client.
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbOptionGroup } from "@cdktf/provider-aws/lib/db-option-group";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import type { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { mariadbMajorVersion } from "../../config/schema/database";
import type { ResolvedDatabase } from "../../config/schema/resolve";
import { ClientSecurityGroup } from "./client-security-group";
import { auditPluginSettings, DB_LOG_EXPORTS, panintelligenceParameters } from "./database-settings";
import { FinalSnapshotName } from "./final-snapshot-name";
import type { Lifecycle } from "./lifecycle";
import { ServiceRole } from "./service-role";

/** MariaDB's port; the dashboard's PI_DB_PORT. */
export const MARIADB_PORT = 3306;

export interface DatabaseProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  /** Region of the stack (ARN partition of the managed monitoring policy). */
  readonly region: string;
  /** VPC of the data subnets (created or existing). */
  readonly vpcId: string;
  /** The private data subnets, in two or more zones: the DB subnet group. */
  readonly subnetIds: readonly string[];
  /** The resolved `database` section of the environment. */
  readonly database: ResolvedDatabase;
  /**
   * `protect`: deletion protection, a final snapshot with a unique name, Terraform prevent_destroy.
   * `ephemeral`: no final snapshot, automated backups deleted with the instance, so `terraform destroy` just works.
   */
  readonly lifecycle: Lifecycle;
  /** Retention of the exported log groups (audit, error, slowquery), in days. */
  readonly logRetentionDays: number;
}

export class Database extends Construct {
  /** Host name of the instance without the port: the dashboard's and scheduler's `PI_DB_HOST`. */
  public readonly address: string;
  /** Port of the instance (3306): `PI_DB_PORT`. */
  public readonly port: number;
  /** `address:port`, for tools that want both. */
  public readonly endpoint: string;
  /** Schema the dashboard uses: `PI_DB_SCHEMA_NAME`. */
  public readonly schemaName: string;
  /**
   * ARN of the RDS-managed Secrets Manager secret holding the master `username` and `password` (JSON keys). For ECS:
   * `valueFrom: "<arn>:username::"` and `"<arn>:password::"`; the execution role needs `secretsmanager:GetSecretValue`
   * on it (and `kms:Decrypt` only if a customer key is ever used: RDS uses the AWS-managed `aws/secretsmanager` key).
   */
  public readonly masterSecretArn: string;
  /** ARN of the DB instance (the AWS Backup selection covers it). */
  public readonly instanceArn: string;
  /** Identifier of the DB instance (`<prefix>-db`), for the runbook's CLI commands. */
  public readonly instanceIdentifier: string;
  /** The instance itself, for what must come after it (a snapshot of it) and go before it on destroy. */
  public readonly instance: ITerraformDependable;
  /** Id of the database's security group (3306 only from the groups given to `allowFrom`). */
  public readonly securityGroupId: string;
  /**
   * Resources that outlive the instance in its snapshots: a snapshot keeps its option group "in use", so recovery
   * points (AWS Backup) must be deleted before it. Make the backup vault depend on these.
   */
  public readonly snapshotDependencies: readonly ITerraformDependable[];
  private readonly securityGroup: ClientSecurityGroup;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { prefix, database: db } = props;
    const protect = props.lifecycle === "protect";
    const identifier = `${prefix}-db`;
    const major = mariadbMajorVersion(db.engineVersion) ?? db.engineVersion;
    const versionSlug = major.replace(/\./g, "-");

    this.securityGroup = new ClientSecurityGroup(this, "security_group", {
      name: `${prefix}-db`,
      description: "MariaDB repository: 3306 from named client security groups only",
      vpcId: props.vpcId,
      port: MARIADB_PORT,
    });

    const subnetGroup = new DbSubnetGroup(this, "subnet_group", {
      name: `${prefix}-data`,
      description: "Private data subnets (no internet route)",
      subnetIds: [...props.subnetIds],
      tags: { Name: `${prefix}-data` },
    });

    // Names carry the major version, so an engine upgrade creates the new groups before it drops the old ones.
    const parameterGroup = new DbParameterGroup(this, "parameter_group", {
      name: `${prefix}-mariadb${versionSlug}`,
      family: db.parameterGroupFamily,
      description: "Panintelligence repository settings",
      parameter: panintelligenceParameters(db.requireSecureTransport),
      lifecycle: { createBeforeDestroy: true },
    });

    const optionGroup = new DbOptionGroup(this, "option_group", {
      name: `${prefix}-mariadb${versionSlug}-audit`,
      engineName: "mariadb",
      majorEngineVersion: major,
      optionGroupDescription: "MariaDB Audit Plugin",
      option: [{ optionName: "MARIADB_AUDIT_PLUGIN", optionSettings: auditPluginSettings(db.auditEvents) }],
      lifecycle: { createBeforeDestroy: true },
    });

    // RDS creates these groups on first write without retention; creating them first sets it.
    const logGroups = DB_LOG_EXPORTS.map(
      (log) =>
        new CloudwatchLogGroup(this, `log_group_${log}`, {
          name: `/aws/rds/instance/${identifier}/${log}`,
          retentionInDays: props.logRetentionDays,
        }),
    );

    const monitoringRole = new ServiceRole(this, "monitoring_role", {
      name: `${prefix}-rds-monitoring`,
      description: "Lets RDS enhanced monitoring publish OS metrics to CloudWatch Logs",
      service: "monitoring.rds.amazonaws.com",
      region: props.region,
      managedServiceRolePolicies: ["AmazonRDSEnhancedMonitoringRole"],
    });

    const finalSnapshot = protect ? new FinalSnapshotName(this, "final_snapshot_name", { prefix: identifier }) : undefined;

    const instance = new DbInstance(this, "instance", {
      identifier,
      engine: "mariadb",
      engineVersion: db.engineVersion,
      instanceClass: db.instanceClass,
      dbName: db.schemaName,
      username: db.masterUsername,
      manageMasterUserPassword: true,
      port: MARIADB_PORT,

      storageType: "gp3",
      allocatedStorage: db.allocatedStorageGib,
      maxAllocatedStorage: db.maxAllocatedStorageGib,
      storageEncrypted: true,

      multiAz: db.multiAz,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      publiclyAccessible: false,
      networkType: "IPV4",

      parameterGroupName: parameterGroup.name,
      optionGroupName: optionGroup.name,
      enabledCloudwatchLogsExports: [...DB_LOG_EXPORTS],
      monitoringInterval: db.monitoringIntervalSeconds,
      monitoringRoleArn: monitoringRole.roleArn,

      autoMinorVersionUpgrade: true,
      applyImmediately: db.applyImmediately,
      maintenanceWindow: db.maintenanceWindow,
      backupWindow: db.backupWindow,
      backupRetentionPeriod: db.backupRetentionDays,
      copyTagsToSnapshot: true,
      ...(db.snapshotIdentifier ? { snapshotIdentifier: db.snapshotIdentifier } : {}),

      deletionProtection: protect,
      skipFinalSnapshot: !protect,
      ...(finalSnapshot ? { finalSnapshotIdentifier: finalSnapshot.identifier } : {}),
      deleteAutomatedBackups: !protect,

      tags: { Name: identifier },
      dependsOn: logGroups,
      lifecycle: {
        preventDestroy: protect,
        // The snapshot only seeds a new instance; changing or removing it later must not replace the database.
        ignoreChanges: ["snapshot_identifier"],
      },
    });

    new SecretsmanagerSecretRotation(this, "master_password_rotation", {
      secretId: instance.masterUserSecret.get(0).secretArn,
      // Setting the schedule must not rotate the password there and then.
      rotateImmediately: false,
      rotationRules: { scheduleExpression: db.passwordRotation.schedule, duration: db.passwordRotation.window },
    });

    this.address = instance.address;
    this.port = instance.port;
    this.endpoint = instance.endpoint;
    this.schemaName = db.schemaName;
    this.masterSecretArn = instance.masterUserSecret.get(0).secretArn;
    this.instanceArn = instance.arn;
    this.instanceIdentifier = identifier;
    this.instance = instance;
    this.securityGroupId = this.securityGroup.securityGroupId;
    this.snapshotDependencies = [optionGroup];
  }

  /**
   * Admit MariaDB (3306) from one client security group, e.g. `allowFrom(dashboard.securityGroupId, "dashboard tasks")`.
   * Each client once; the description becomes the rule's description.
   */
  public allowFrom(securityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    return this.securityGroup.allowFrom(securityGroupId, description);
  }
}
