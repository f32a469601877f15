import { describe, expect, test } from "vitest";
import { blocks, ref } from "../support/synth";
import { only, synthData, tierResources } from "../support/data-tier";

const planRule = (environment: Record<string, unknown> = {}) => blocks(only(synthData(environment), "aws_backup_plan", "backup")[1].rule)[0];

describe("Backup: vault", () => {
  test("one vault, encrypted with the AWS Backup key by default", () => {
    const json = synthData();
    const [, vault] = only(json, "aws_backup_vault", "backup");
    expect(vault.name).toBe("pi-test-backup");
    expect(vault.kms_key_arn).toBeUndefined();
    expect(tierResources(json, "aws_kms_key", "backup")).toEqual([]);
  });

  test("customer-managed: a key of the vault's own, rotated, with an explicit policy and no wildcard", () => {
    const json = synthData({ backup: { vaultKey: "customer-managed" } });
    const [keyName, key] = only(json, "aws_kms_key", "backup");
    expect(only(json, "aws_backup_vault", "backup")[1].kms_key_arn).toBe(ref("aws_kms_key", keyName, "arn"));
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(key.policy).not.toMatch(/"kms:\*"|"AWS" = "\*"/);
    expect(key.policy).toContain('"kms:ViaService" = "backup.eu-west-2.amazonaws.com"');
    expect(only(json, "aws_kms_alias", "backup")[1]).toMatchObject({ name: "alias/pi-test-backup", target_key_id: ref("aws_kms_key", keyName, "key_id") });
  });
});

describe("Backup: plan", () => {
  test("one plan with one daily rule into the vault, on the configured schedule", () => {
    const json = synthData();
    const [vaultName] = only(json, "aws_backup_vault", "backup");
    const rules = blocks(only(json, "aws_backup_plan", "backup")[1].rule);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ rule_name: "daily", schedule: "cron(0 3 * * ? *)", target_vault_name: ref("aws_backup_vault", vaultName, "name") });
    expect(planRule({ backup: { schedule: "cron(30 1 * * ? *)", scheduleTimezone: "Europe/London" } })).toMatchObject({
      schedule: "cron(30 1 * * ? *)",
      schedule_expression_timezone: "Europe/London",
    });
  });

  test("recovery points are kept 35 days in protect, 7 in ephemeral, or as configured", () => {
    expect(blocks(planRule().lifecycle)).toEqual([{ delete_after: 35 }]);
    expect(blocks(planRule({ lifecycle: "ephemeral" }).lifecycle)).toEqual([{ delete_after: 7 }]);
    expect(blocks(planRule({ backup: { retentionDays: 90 } }).lifecycle)).toEqual([{ delete_after: 90 }]);
  });

  test("optional cold storage", () => {
    expect(blocks(planRule({ backup: { coldStorageAfterDays: 30, retentionDays: 365 } }).lifecycle)).toEqual([{ delete_after: 365, cold_storage_after: 30 }]);
  });

  test("optional copy to another region's vault, kept as long as the original; none by default", () => {
    expect(planRule().copy_action).toBeUndefined();
    const target = "arn:aws:backup:eu-west-1:123456789012:backup-vault:pi-dr";
    expect(blocks(planRule({ backup: { copyToVaultArn: target } }).copy_action)).toEqual([{ destination_vault_arn: target, lifecycle: { delete_after: 35 } }]);
  });
});

describe("Backup: selection and role", () => {
  test("one selection covers the EFS file system and the RDS instance together", () => {
    const json = synthData();
    const [planName] = only(json, "aws_backup_plan", "backup");
    const [roleName] = only(json, "aws_iam_role", "backup");
    const [, selection] = only(json, "aws_backup_selection", "backup");
    const [dbName] = only(json, "aws_db_instance", "database");
    const [fsName] = only(json, "aws_efs_file_system", "file_storage");
    expect(selection).toMatchObject({ plan_id: ref("aws_backup_plan", planName), iam_role_arn: ref("aws_iam_role", roleName, "arn") });
    expect([...selection.resources].sort()).toEqual([ref("aws_db_instance", dbName, "arn"), ref("aws_efs_file_system", fsName, "arn")].sort());
  });

  test("the backup role is assumed by AWS Backup and has the AWS-managed backup and restore policies", () => {
    const json = synthData();
    const [roleName, role] = only(json, "aws_iam_role", "backup");
    expect(role.assume_role_policy).toContain('"Service" = "backup.amazonaws.com"');
    const attached = tierResources(json, "aws_iam_role_policy_attachment", "backup").map(([, a]) => a);
    expect(attached.map((a) => a.role)).toEqual([ref("aws_iam_role", roleName, "name"), ref("aws_iam_role", roleName, "name")]);
    expect(attached.map((a) => a.policy_arn).sort()).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
  });
});

describe("Backup: lifecycle", () => {
  test("protect: the vault keeps its recovery points and Terraform refuses to destroy it", () => {
    const [, vault] = only(synthData(), "aws_backup_vault", "backup");
    expect(vault.force_destroy).toBe(false);
    expect(vault.lifecycle.prevent_destroy).toBe(true);
  });

  test("ephemeral: the vault is destroyed with its recovery points, before the DB option group they keep in use", () => {
    const json = synthData({ lifecycle: "ephemeral" });
    const [, vault] = only(json, "aws_backup_vault", "backup");
    const [optionGroupName] = only(json, "aws_db_option_group", "database");
    expect(vault.force_destroy).toBe(true);
    expect(vault.lifecycle.prevent_destroy).toBeFalsy();
    expect(vault.depends_on).toEqual([`aws_db_option_group.${optionGroupName}`]);
  });

  test("ephemeral with an own key: a short deletion window", () => {
    expect(only(synthData({ lifecycle: "ephemeral", backup: { vaultKey: "customer-managed" } }), "aws_kms_key", "backup")[1].deletion_window_in_days).toBe(7);
  });

  test("outputs: vault name and restore role, described", () => {
    const json = synthData();
    expect(json.output?.backup_vault_name.value).toBe(ref("aws_backup_vault", only(json, "aws_backup_vault", "backup")[0], "name"));
    expect(json.output?.backup_role_arn.description).toMatch(/--iam-role-arn/);
  });
});
