/**
 * AWS Backup for the data tier: one vault (the AWS Backup key or a KMS key of its own), one plan with a daily rule,
 * retention, optional cold storage and cross-region copy, one selection covering the database and the file system
 * together (so a recovery date gives a consistent pair), and the role AWS Backup uses to back up and restore them.
 */
import { Construct } from "constructs";
import { Fn, type ITerraformDependable } from "cdktf";
import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { ResolvedBackup } from "../../config/schema/resolve";
import type { Lifecycle } from "./lifecycle";
import { partitionOf } from "../partition";
import { ServiceRole } from "./service-role";
import { KMS_ADMINISTRATION_ACTIONS, KMS_USE_ACTIONS } from "../kms-key-actions";

/** The managed policies the backup role gets (AWS-managed, allow-listed by PI-IAM-005). */
export const BACKUP_ROLE_POLICIES = ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"] as const;

export interface BackupProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly accountId: string;
  readonly region: string;
  /** The resolved `backup` section of the environment. */
  readonly backup: ResolvedBackup;
  /** ARNs of the resources the plan backs up together (the DB instance and the EFS file system). */
  readonly resourceArns: readonly string[];
  /**
   * `protect`: the vault (and its key) get Terraform prevent_destroy and keep their recovery points.
   * `ephemeral`: the vault is destroyed with its recovery points (force_destroy), so `terraform destroy` needs no script.
   */
  readonly lifecycle: Lifecycle;
  /**
   * Resources the vault's recovery points keep in use (the DB option group): the vault depends on them, so on
   * `terraform destroy` it goes, with its recovery points, before they do.
   * @default none
   */
  readonly destroyBefore?: readonly ITerraformDependable[];
}

export class Backup extends Construct {
  /** Name of the vault: where the runbook lists recovery points. */
  public readonly vaultName: string;
  public readonly vaultArn: string;
  /** Id of the backup plan. */
  public readonly planId: string;
  /** ARN of the role AWS Backup uses to back up and restore: the runbook's `--iam-role-arn`. */
  public readonly roleArn: string;
  /** ARN of the vault's own KMS key, when `vaultKey: customer-managed`. */
  public readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: BackupProps) {
    super(scope, id);
    const { prefix, backup } = props;
    const protect = props.lifecycle === "protect";
    const partition = partitionOf(props.region);

    let kmsKeyArn: string | undefined;
    if (backup.vaultKey === "customer-managed") {
      const key = new KmsKey(this, "vault_key", {
        description: `${prefix}: encrypts the AWS Backup vault's recovery points`,
        enableKeyRotation: true,
        deletionWindowInDays: protect ? 30 : 7,
        policy: Fn.jsonencode(vaultKeyPolicy(props.accountId, props.region, partition)),
        lifecycle: { preventDestroy: protect },
      });
      new KmsAlias(this, "vault_key_alias", { name: `alias/${prefix}-backup`, targetKeyId: key.keyId });
      kmsKeyArn = key.arn;
    }

    const vault = new BackupVault(this, "vault", {
      name: `${prefix}-backup`,
      ...(kmsKeyArn ? { kmsKeyArn } : {}),
      forceDestroy: !protect,
      dependsOn: [...(props.destroyBefore ?? [])],
      lifecycle: { preventDestroy: protect },
    });

    const lifecycle = {
      deleteAfter: backup.retentionDays,
      ...(backup.coldStorageAfterDays !== undefined ? { coldStorageAfter: backup.coldStorageAfterDays } : {}),
    };
    const plan = new BackupPlan(this, "plan", {
      name: `${prefix}-data`,
      rule: [
        {
          ruleName: "daily",
          targetVaultName: vault.name,
          schedule: backup.schedule,
          ...(backup.scheduleTimezone ? { scheduleExpressionTimezone: backup.scheduleTimezone } : {}),
          startWindow: 60,
          completionWindow: 360,
          lifecycle,
          recoveryPointTags: { Project: prefix },
          ...(backup.copyToVaultArn ? { copyAction: [{ destinationVaultArn: backup.copyToVaultArn, lifecycle }] } : {}),
        },
      ],
    });

    const role = new ServiceRole(this, "role", {
      name: `${prefix}-backup`,
      description: "Lets AWS Backup back up and restore the database and the file system",
      service: "backup.amazonaws.com",
      region: props.region,
      managedServiceRolePolicies: BACKUP_ROLE_POLICIES,
    });

    new BackupSelection(this, "selection", {
      name: `${prefix}-data`,
      planId: plan.id,
      iamRoleArn: role.roleArn,
      resources: [...props.resourceArns],
    });

    this.vaultName = vault.name;
    this.vaultArn = vault.arn;
    this.planId = plan.id;
    this.roleArn = role.roleArn;
    this.kmsKeyArn = kmsKeyArn;
  }
}

/**
 * Key policy of the vault's own key: the account administers it through IAM (no `kms:*`, no wildcard principal), and
 * principals of the account may use it only through AWS Backup.
 */
function vaultKeyPolicy(accountId: string, region: string, partition: string): Record<string, unknown> {
  const account = { AWS: `arn:${partition}:iam::${accountId}:root` };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: account,
        Action: [...KMS_ADMINISTRATION_ACTIONS],
        Resource: "*",
      },
      {
        Sid: "UseThroughAwsBackup",
        Effect: "Allow",
        Principal: account,
        Action: [...KMS_USE_ACTIONS, "kms:DescribeKey", "kms:CreateGrant"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": `backup.${region}.amazonaws.com`, "kms:CallerAccount": accountId } },
      },
    ],
  };
}
