/** Compute tier: the cluster and the Fargate sizing rules. */
import { describe, expect, test } from "vitest";
import { FARGATE_SIZES, defaultTomcatHeapMb } from "../../src/config/schema/compute";
import { blocks, ref, resourcesOf, synthEnvironment } from "../support/synth";

describe("cluster", () => {
  const { json } = synthEnvironment();
  const [[clusterName, cluster]] = resourcesOf(json, "aws_ecs_cluster");

  test("named after the prefix with Container Insights on", () => {
    expect(cluster.name).toBe("pi-test");
    expect(blocks(cluster.setting)).toEqual([{ name: "containerInsights", value: "enabled" }]);
  });

  test("ECS Exec sessions are logged to their own log group with the environment's retention", () => {
    const exec = blocks(blocks(cluster.configuration)[0].execute_command_configuration)[0];
    expect(exec.logging).toBe("OVERRIDE");
    const [logGroupName, logGroup] = resourcesOf(json, "aws_cloudwatch_log_group").find(([, g]) => g.name === "/ecs/pi-test/exec")!;
    expect(blocks(exec.log_configuration)[0].cloud_watch_log_group_name).toBe(ref("aws_cloudwatch_log_group", logGroupName, "name"));
    expect(logGroup.retention_in_days).toBe(365);
  });

  test("FARGATE and FARGATE_SPOT capacity providers, FARGATE by default", () => {
    const [[, providers]] = resourcesOf(json, "aws_ecs_cluster_capacity_providers");
    expect(providers.cluster_name).toBe(ref("aws_ecs_cluster", clusterName, "name"));
    expect(providers.capacity_providers).toEqual(["FARGATE", "FARGATE_SPOT"]);
    expect(blocks(providers.default_capacity_provider_strategy)).toEqual([{ capacity_provider: "FARGATE", weight: 1, base: 0 }]);
  });

  test("a Service Connect HTTP namespace (no data source) is the cluster's default", () => {
    const [[namespaceName, namespace]] = resourcesOf(json, "aws_service_discovery_http_namespace");
    expect(namespace.name).toBe("pi-test.internal");
    expect(blocks(cluster.service_connect_defaults)[0].namespace).toBe(ref("aws_service_discovery_http_namespace", namespaceName, "arn"));
    expect(json.data).toBeUndefined();
  });
});

describe("Fargate sizes", () => {
  test("the table matches the ECS documentation's ranges", () => {
    expect(FARGATE_SIZES[256]).toEqual([512, 1024, 2048]);
    expect(FARGATE_SIZES[512]).toEqual([1024, 2048, 3072, 4096]);
    expect(FARGATE_SIZES[1024]).toEqual([2048, 3072, 4096, 5120, 6144, 7168, 8192]);
    expect(FARGATE_SIZES[2048]?.[0]).toBe(4096);
    expect(FARGATE_SIZES[2048]?.at(-1)).toBe(16384);
    expect(FARGATE_SIZES[4096]?.at(-1)).toBe(30720);
    expect(FARGATE_SIZES[8192]).toContain(20480);
    expect(FARGATE_SIZES[8192]).not.toContain(17408);
    expect(FARGATE_SIZES[16384]?.at(-1)).toBe(122880);
  });

  test("the default JVM heap keeps max(1024 MiB, 25 %) of the task free", () => {
    expect(defaultTomcatHeapMb(2048)).toBe(1024);
    expect(defaultTomcatHeapMb(4096)).toBe(3072);
    expect(defaultTomcatHeapMb(8192)).toBe(6144);
  });
});
