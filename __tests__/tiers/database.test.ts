import { describe, expect, test } from "vitest";
import { blocks, ref, resourcesOf } from "../support/synth";
import { EXISTING_NETWORK, only, synthData, tierResources } from "../support/data-tier";

const instanceOf = (environment: Record<string, unknown> = {}) => only(synthData(environment), "aws_db_instance", "database")[1];
const parameters = (json: ReturnType<typeof synthData>) =>
  Object.fromEntries(blocks(only(json, "aws_db_parameter_group", "database")[1].parameter).map((p) => [p.name, p.value]));

describe("Database: engine, size and storage", () => {
  test("MariaDB 10.11 by default, with the parameter group of its family attached", () => {
    const json = synthData();
    const [, instance] = only(json, "aws_db_instance", "database");
    const [groupName, group] = only(json, "aws_db_parameter_group", "database");
    expect(instance).toMatchObject({ engine: "mariadb", engine_version: "10.11" });
    expect(group.family).toBe("mariadb10.11");
    expect(instance.parameter_group_name).toBe(ref("aws_db_parameter_group", groupName, "name"));
  });

  test("the parameter-group family and the option group follow the configured version", () => {
    const json = synthData({ database: { engineVersion: "11.4.5" } });
    expect(only(json, "aws_db_instance", "database")[1].engine_version).toBe("11.4.5");
    expect(only(json, "aws_db_parameter_group", "database")[1]).toMatchObject({ family: "mariadb11.4", name: "pi-test-mariadb11-4" });
    expect(only(json, "aws_db_option_group", "database")[1]).toMatchObject({ engine_name: "mariadb", major_engine_version: "11.4" });
  });

  test("instance class db.t4g.small by default, or as configured", () => {
    expect(instanceOf().instance_class).toBe("db.t4g.small");
    expect(instanceOf({ database: { instanceClass: "db.m7g.large" } }).instance_class).toBe("db.m7g.large");
  });

  test("gp3 storage with autoscaling up to the configured ceiling", () => {
    expect(instanceOf()).toMatchObject({ storage_type: "gp3", allocated_storage: 20, max_allocated_storage: 100 });
    expect(instanceOf({ database: { allocatedStorageGib: 50, maxAllocatedStorageGib: 500 } })).toMatchObject({
      allocated_storage: 50,
      max_allocated_storage: 500,
    });
  });

  test("Multi-AZ by default in protect, single-AZ by default in ephemeral, or as configured", () => {
    expect(instanceOf().multi_az).toBe(true);
    expect(instanceOf({ lifecycle: "ephemeral" }).multi_az).toBe(false);
    expect(instanceOf({ lifecycle: "ephemeral", database: { multiAz: true } }).multi_az).toBe(true);
  });
});

describe("Database: network placement", () => {
  test("encrypted, never public, in a subnet group of the data subnets", () => {
    const json = synthData();
    const [, instance] = only(json, "aws_db_instance", "database");
    const [groupName, group] = only(json, "aws_db_subnet_group", "database");
    expect(instance).toMatchObject({
      storage_encrypted: true,
      publicly_accessible: false,
      db_subnet_group_name: ref("aws_db_subnet_group", groupName, "name"),
    });
    const dataSubnets = resourcesOf(json, "aws_subnet")
      .filter(([, s]) => s.tags.Tier === "data")
      .map(([name]) => ref("aws_subnet", name));
    expect(group.subnet_ids).toEqual(dataSubnets);
  });

  test("its security group has no inline rules; every ingress rule is 3306 from a named client group, never a CIDR", () => {
    const json = synthData();
    const [sgName, sg] = only(json, "aws_security_group", "database");
    expect(only(json, "aws_db_instance", "database")[1].vpc_security_group_ids).toEqual([ref("aws_security_group", sgName)]);
    expect(blocks(sg.ingress)).toEqual([]);
    expect(blocks(sg.egress)).toEqual([]);
    for (const [, rule] of resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter(
      ([, r]) => r.security_group_id === ref("aws_security_group", sgName),
    )) {
      expect(rule).toMatchObject({ ip_protocol: "tcp", from_port: 3306, to_port: 3306 });
      expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_security_group\.|^sg-/);
      expect(Object.keys(rule).filter((k) => k.startsWith("cidr") || k.startsWith("prefix"))).toEqual([]);
    }
  });

  test("allowFrom admits 3306 from one client security group per call", () => {
    const json = synthData({}, ({ database }) => {
      database.allowFrom("sg-0aaaaaaaaaaaaaaa1", "dashboard tasks");
      database.allowFrom("sg-0aaaaaaaaaaaaaaa2", "scheduler tasks");
    });
    const [sgName] = only(json, "aws_security_group", "database");
    const rules = tierResources(json, "aws_vpc_security_group_ingress_rule", "database")
      .map(([, r]) => r)
      .filter((r) => String(r.referenced_security_group_id).startsWith("sg-0aaa"));
    expect(rules).toEqual([
      expect.objectContaining({
        security_group_id: ref("aws_security_group", sgName),
        ip_protocol: "tcp",
        from_port: 3306,
        to_port: 3306,
        referenced_security_group_id: "sg-0aaaaaaaaaaaaaaa1",
        description: "dashboard tasks",
      }),
      expect.objectContaining({ from_port: 3306, to_port: 3306, referenced_security_group_id: "sg-0aaaaaaaaaaaaaaa2", description: "scheduler tasks" }),
    ]);
    for (const rule of rules) expect(rule.cidr_ipv4).toBeUndefined();
  });

  test("allowFrom refuses the same client twice", () => {
    expect(() =>
      synthData({}, ({ database }) => {
        database.allowFrom("sg-0aaaaaaaaaaaaaaa1", "dashboard tasks");
        database.allowFrom("sg-0aaaaaaaaaaaaaaa3", "Dashboard tasks");
      }),
    ).toThrow(/already allowed/);
  });

  test("existing VPC: the given data subnets and VPC, security-group references only", () => {
    const json = synthData({ network: EXISTING_NETWORK }, ({ database }) => database.allowFrom("sg-0aaaaaaaaaaaaaaa1", "dashboard tasks"));
    expect(only(json, "aws_db_subnet_group", "database")[1].subnet_ids).toEqual(EXISTING_NETWORK.subnetIds.data);
    expect(only(json, "aws_security_group", "database")[1].vpc_id).toBe(EXISTING_NETWORK.vpcId);
    expect(JSON.stringify(tierResources(json, "aws_vpc_security_group_ingress_rule", "database"))).not.toMatch(/cidr/);
  });
});

describe("Database: Panintelligence settings, audit, logs and monitoring", () => {
  test("the parameter group carries the Panintelligence settings", () => {
    expect(parameters(synthData())).toMatchObject({
      lower_case_table_names: "1",
      sql_mode: "NO_AUTO_VALUE_ON_ZERO",
      log_bin_trust_function_creators: "1",
      character_set_server: "utf8mb4",
      collation_server: "utf8mb4_unicode_ci",
    });
  });

  test("lower_case_table_names is static: applied at the next reboot (or creation)", () => {
    const group = only(synthData(), "aws_db_parameter_group", "database")[1];
    expect(blocks(group.parameter).find((p) => p.name === "lower_case_table_names")?.apply_method).toBe("pending-reboot");
  });

  test("require_secure_transport is off by default and on when configured", () => {
    expect(parameters(synthData()).require_secure_transport).toBe("0");
    expect(parameters(synthData({ database: { requireSecureTransport: true } })).require_secure_transport).toBe("1");
  });

  test("an option group with the MariaDB audit plugin is attached", () => {
    const json = synthData({ database: { auditEvents: ["CONNECT", "QUERY_DDL"] } });
    const [groupName, group] = only(json, "aws_db_option_group", "database");
    expect(only(json, "aws_db_instance", "database")[1].option_group_name).toBe(ref("aws_db_option_group", groupName, "name"));
    const [option] = blocks(group.option);
    expect(option.option_name).toBe("MARIADB_AUDIT_PLUGIN");
    expect(blocks(option.option_settings)).toContainEqual({ name: "SERVER_AUDIT_EVENTS", value: "CONNECT,QUERY_DDL" });
  });

  test("audit, error and slow-query logs go to CloudWatch log groups created first, with the lifecycle's retention", () => {
    const json = synthData();
    const [, instance] = only(json, "aws_db_instance", "database");
    expect(instance.enabled_cloudwatch_logs_exports).toEqual(["audit", "error", "slowquery"]);
    const groups = tierResources(json, "aws_cloudwatch_log_group", "database");
    expect(groups.map(([, g]) => [g.name, g.retention_in_days])).toEqual([
      ["/aws/rds/instance/pi-test-db/audit", 365],
      ["/aws/rds/instance/pi-test-db/error", 365],
      ["/aws/rds/instance/pi-test-db/slowquery", 365],
    ]);
    expect(instance.depends_on).toEqual(groups.map(([name]) => `aws_cloudwatch_log_group.${name}`));
    expect(parameters(json).slow_query_log).toBe("1");
    const ephemeral = synthData({ lifecycle: "ephemeral" });
    for (const [, group] of tierResources(ephemeral, "aws_cloudwatch_log_group", "database")) expect(group.retention_in_days).toBe(30);
  });

  test("enhanced monitoring through a role only RDS monitoring can assume, with the AWS-managed policy", () => {
    const json = synthData();
    const [roleName, role] = only(json, "aws_iam_role", "database");
    expect(only(json, "aws_db_instance", "database")[1]).toMatchObject({ monitoring_interval: 60, monitoring_role_arn: ref("aws_iam_role", roleName, "arn") });
    expect(role.assume_role_policy).toContain('"Service" = "monitoring.rds.amazonaws.com"');
    expect(only(json, "aws_iam_role_policy_attachment", "database")[1]).toEqual(
      expect.objectContaining({
        role: ref("aws_iam_role", roleName, "name"),
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
      }),
    );
    expect(instanceOf({ database: { monitoringIntervalSeconds: 15 } }).monitoring_interval).toBe(15);
  });

  test("minor versions upgrade automatically and snapshots copy the tags", () => {
    expect(instanceOf()).toMatchObject({ auto_minor_version_upgrade: true, copy_tags_to_snapshot: true });
  });
});

describe("Database: backups and restore", () => {
  test("automated backups: 14 days in protect, 7 in ephemeral, or as configured, in the configured windows", () => {
    expect(instanceOf()).toMatchObject({ backup_retention_period: 14, backup_window: "02:00-03:00", maintenance_window: "sun:04:00-sun:05:00" });
    expect(instanceOf({ lifecycle: "ephemeral" }).backup_retention_period).toBe(7);
    expect(instanceOf({ database: { backupRetentionDays: 35 } }).backup_retention_period).toBe(35);
  });

  test("restores from a snapshot when configured; the snapshot only seeds a new instance", () => {
    expect(instanceOf().snapshot_identifier).toBeUndefined();
    const instance = instanceOf({ database: { snapshotIdentifier: "pi-test-before-upgrade" } });
    expect(instance.snapshot_identifier).toBe("pi-test-before-upgrade");
    expect(instance.lifecycle.ignore_changes).toContain("snapshot_identifier");
  });
});

describe("Database: credentials", () => {
  test("RDS manages the master password in Secrets Manager; no password appears in the JSON", () => {
    const json = synthData();
    const [, instance] = only(json, "aws_db_instance", "database");
    expect(instance.manage_master_user_password).toBe(true);
    expect(instance.password).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/"password(_wo)?"\s*:/);
  });

  test("the master user name comes from config (pi_admin by default)", () => {
    expect(instanceOf().username).toBe("pi_admin");
    expect(instanceOf({ database: { masterUsername: "repo_owner" } }).username).toBe("repo_owner");
  });

  test("the password rotates on the configured schedule (yearly by cron by default), never at apply time", () => {
    const json = synthData();
    const [instanceName] = only(json, "aws_db_instance", "database");
    const [, rotation] = only(json, "aws_secretsmanager_secret_rotation", "database");
    expect(rotation).toMatchObject({
      secret_id: `\${aws_db_instance.${instanceName}.master_user_secret[0].secret_arn}`,
      rotate_immediately: false,
      rotation_rules: { schedule_expression: "cron(0 3 15 1 ? *)", duration: "3h" },
    });
    expect(rotation.rotation_lambda_arn).toBeUndefined();
    const custom = only(
      synthData({ database: { passwordRotation: { schedule: "cron(0 2 ? * SUN *)", window: "2h" } } }),
      "aws_secretsmanager_secret_rotation",
      "database",
    )[1];
    expect(custom.rotation_rules).toEqual({ schedule_expression: "cron(0 2 ? * SUN *)", duration: "2h" });
  });

  test("outputs: address, port, schema and the secret's ARN (not its value), each described", () => {
    const json = synthData();
    const [instanceName] = only(json, "aws_db_instance", "database");
    const output = (name: string) => json.output?.[name];
    expect(output("db_address")?.value).toBe(ref("aws_db_instance", instanceName, "address"));
    expect(output("db_port")?.value).toBe(ref("aws_db_instance", instanceName, "port"));
    expect(output("db_schema_name")?.value).toBe("dashboard");
    expect(output("db_master_secret_arn")?.value).toBe(`\${aws_db_instance.${instanceName}.master_user_secret[0].secret_arn}`);
    for (const name of ["db_address", "db_port", "db_endpoint", "db_schema_name", "db_master_secret_arn"]) {
      expect(output(name)?.description, name).toMatch(/\w{3,}/);
    }
  });
});

describe("Database: lifecycle", () => {
  test("protect: deletion protection, prevent_destroy and a final snapshot named once, without a random provider", () => {
    const json = synthData();
    const [, instance] = only(json, "aws_db_instance", "database");
    const [stampName, stamp] = only(json, "terraform_data", "database");
    expect(instance).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, delete_automated_backups: false });
    expect(instance.lifecycle.prevent_destroy).toBe(true);
    expect(stamp).toMatchObject({ input: "${timestamp()}", lifecycle: { ignore_changes: ["input"] } });
    expect(instance.final_snapshot_identifier).toBe(`pi-test-db-final-\${formatdate("YYYYMMDDhhmmss", terraform_data.${stampName}.output)}`);
    expect(Object.keys(json.terraform?.required_providers ?? {})).toEqual(["aws"]);
  });

  test("ephemeral: no deletion protection, no final snapshot, automated backups go with the instance", () => {
    const json = synthData({ lifecycle: "ephemeral" });
    const [, instance] = only(json, "aws_db_instance", "database");
    expect(instance).toMatchObject({ deletion_protection: false, skip_final_snapshot: true, delete_automated_backups: true });
    expect(instance.final_snapshot_identifier).toBeUndefined();
    expect(instance.lifecycle.prevent_destroy).toBeFalsy();
    expect(tierResources(json, "terraform_data", "database")).toEqual([]);
  });
});
