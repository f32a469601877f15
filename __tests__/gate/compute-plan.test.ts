/**
 * The compute tier as Terraform plans it (offline, the production example): every task definition's
 * container_definitions is parsed where the plan knows it (renderer, pirana) and checked for ports, mounts, logs and
 * secrets; where it depends on values only known after apply (the dashboard and scheduler read the RDS address and
 * secret ARNs), the plan must say so and the expression must reference exactly the data-tier and secret resources.
 * Skipped with a notice where terraform is absent; required under CI=true.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { planExample, terraform, terraformRequired as required } from "../support/terraform";

interface ResourceChange {
  address: string;
  type: string;
  change: { after: Record<string, any>; after_unknown: Record<string, any> };
}

describe.runIf(terraform.available)("compute tier in the offline plan", () => {
  let changes: ResourceChange[] = [];
  let configuration: { address: string; expressions: Record<string, any> }[] = [];

  test("the production example plans four services, four task definitions and the cluster", async () => {
    const result = await planExample("production", "production");
    expect(result.failure).toBeUndefined();
    const plan = JSON.parse(readFileSync(result.planJsonPath!, "utf8"));
    changes = plan.resource_changes;
    configuration = plan.configuration.root_module.resources;
    expect(
      changes
        .filter((c) => c.type === "aws_ecs_service")
        .map((c) => c.change.after.name)
        .sort(),
    ).toEqual(["dashboard", "pirana", "renderer", "scheduler"]);
    expect(changes.filter((c) => c.type === "aws_ecs_task_definition")).toHaveLength(4);
    expect(changes.filter((c) => c.type === "aws_ecs_cluster")).toHaveLength(1);
  }, 180_000);

  const taskDefinition = (family: string) => {
    const found = changes.find((c) => c.type === "aws_ecs_task_definition" && c.change.after.family === `pi-production-${family}`);
    if (!found) throw new Error(`no planned task definition ${family}`);
    return found;
  };

  test("renderer and pirana: container JSON parsed from the plan: ports, no secrets, no mounts, awslogs, init process", () => {
    for (const [family, port] of [
      ["renderer", 9915],
      ["pirana", 9918],
    ] as const) {
      const planned = taskDefinition(family).change.after;
      expect(typeof planned.container_definitions, family).toBe("string");
      const [container, ...rest] = JSON.parse(planned.container_definitions);
      expect(rest).toEqual([]);
      expect(container.portMappings.map((p: { containerPort: number }) => p.containerPort)).toEqual([port]);
      expect(container.secrets ?? []).toEqual([]);
      expect(container.mountPoints ?? []).toEqual([]);
      expect(container.logConfiguration).toMatchObject({ logDriver: "awslogs", options: { "awslogs-group": `/ecs/pi-production/${family}` } });
      expect(container.linuxParameters.initProcessEnabled).toBe(true);
      expect(container.image).toBe(`ghcr.io/pi-cr/${family}:2025_10.1`);
      expect(planned.network_mode).toBe("awsvpc");
      expect(planned.cpu).toBe("1024");
    }
  });

  test("dashboard and scheduler: container JSON known only after apply, built from the DB address and secrets by reference", () => {
    for (const family of ["dashboard", "scheduler"]) {
      const planned = taskDefinition(family);
      expect(planned.change.after_unknown.container_definitions, family).toBe(true);
      const expression = configuration.find((r) => r.address === planned.address)?.expressions.container_definitions;
      const references: string[] = expression?.references ?? [];
      expect(references, family).toEqual(
        expect.arrayContaining([expect.stringMatching(/^aws_db_instance\..*\.master_user_secret/), expect.stringMatching(/^aws_db_instance\..*\.address$/)]),
      );
      // Nothing but the database, the licence secret and the log group feeds the container JSON.
      for (const reference of references) {
        expect(reference, family).toMatch(/^(aws_db_instance|aws_secretsmanager_secret|aws_cloudwatch_log_group)\./);
      }
      expect(
        references.some((r) => r.startsWith("aws_secretsmanager_secret.")),
        family,
      ).toBe(family === "dashboard");
    }
  });

  test("EFS volumes in the plan: TLS and IAM through access points, no root directory", () => {
    const dashboard = taskDefinition("dashboard").change;
    expect(dashboard.after.volume.map((v: { name: string }) => v.name).sort()).toEqual(["custom_jdbc", "files", "images", "keys", "locale", "svg", "themes"]);
    for (const volume of [...dashboard.after.volume, ...taskDefinition("scheduler").change.after.volume]) {
      const [efs] = volume.efs_volume_configuration;
      expect(efs.transit_encryption).toBe("ENABLED");
      expect(efs.root_directory ?? "/").toBe("/");
      expect(efs.authorization_config[0].iam).toBe("ENABLED");
    }
    expect(taskDefinition("scheduler").change.after.volume.map((v: { name: string }) => v.name)).toEqual(["keys"]);
  });
});

test.runIf(required && !terraform.available)("terraform is required under CI=true", () => {
  expect.fail(terraform.available ? "" : terraform.reason);
});
