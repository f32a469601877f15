import { describe, expect, test } from "vitest";
import { resourcesOf, synthEnvironment } from "../support/synth";

const alarmsOf = (json: ReturnType<typeof synthEnvironment>["json"]): Record<string, Record<string, any>> =>
  Object.fromEntries(resourcesOf(json, "aws_cloudwatch_metric_alarm").map(([, a]) => [String(a.alarm_name).replace(/^pi-test-/, ""), a]));

describe("Observability tier", () => {
  const { json } = synthEnvironment();
  const alarms = alarmsOf(json);
  const [[topicName]] = resourcesOf(json, "aws_sns_topic");
  const topic = `\${aws_sns_topic.${topicName}.arn}`;

  test("alarms on database CPU, free storage and connections with the configured thresholds", () => {
    expect(alarms["db-cpu"]).toMatchObject({ namespace: "AWS/RDS", metric_name: "CPUUtilization", threshold: 90, comparison_operator: "GreaterThanThreshold" });
    expect(alarms["db-free-storage"]).toMatchObject({ metric_name: "FreeStorageSpace", threshold: 5 * 1024 ** 3, comparison_operator: "LessThanThreshold" });
    expect(alarms["db-connections"]).toMatchObject({ metric_name: "DatabaseConnections", threshold: 250 });
    expect(alarms["db-cpu"].dimensions.DBInstanceIdentifier).toBe(json.output?.db_instance_identifier.value);
    const custom = alarmsOf(synthEnvironment({ alarms: { database: { connections: 200, cpuPercent: 75 } } }).json);
    expect([custom["db-connections"].threshold, custom["db-cpu"].threshold]).toEqual([200, 75]);
  });

  test("EFS: I/O limit always; burst credits only in bursting mode", () => {
    expect(alarms["efs-io-limit"]).toMatchObject({ namespace: "AWS/EFS", metric_name: "PercentIOLimit", threshold: 95 });
    expect(alarms["efs-burst-credits"]).toBeUndefined();
    const bursting = alarmsOf(synthEnvironment({ fileStorage: { throughputMode: "bursting" } }).json);
    expect(bursting["efs-burst-credits"]).toMatchObject({ metric_name: "BurstCreditBalance", comparison_operator: "LessThanThreshold" });
  });

  test("upload sync: function errors and dead-letter depth; none without the upload bucket", () => {
    expect(alarms["upload-sync-errors"]).toMatchObject({ namespace: "AWS/Lambda", metric_name: "Errors", threshold: 0 });
    expect(alarms["upload-sync-dead-letters"]).toMatchObject({ namespace: "AWS/SQS", metric_name: "ApproximateNumberOfMessagesVisible", threshold: 0 });
    const off = alarmsOf(synthEnvironment({ uploads: { enabled: false } }).json);
    expect(Object.keys(off).filter((name) => name.startsWith("upload-sync"))).toEqual([]);
  });

  test("the dashboard service's CPU is alarmed (never memory: Tomcat keeps its heap) and every service is charted", () => {
    expect(alarms["dashboard-cpu"]).toMatchObject({ namespace: "AWS/ECS", metric_name: "CPUUtilization", threshold: 85 });
    expect(alarms["dashboard-cpu"].dimensions.ServiceName).toMatch(/aws_ecs_service\..*\.name|dashboard/);
    expect(Object.values(alarms).filter((a) => a.namespace === "AWS/ECS" && a.metric_name === "MemoryUtilization")).toEqual([]);
    const [[, dashboard]] = resourcesOf(json, "aws_cloudwatch_dashboard");
    for (const service of resourcesOf(json, "aws_ecs_service")) {
      expect(dashboard.dashboard_body).toContain(`aws_ecs_service.${service[0]}.name`);
    }
  });

  test("every alarm notifies the alarm topic on alarm and on recovery, and missing data is not an alarm", () => {
    expect(Object.keys(alarms).length).toBeGreaterThanOrEqual(8);
    for (const [name, alarm] of Object.entries(alarms)) {
      expect(alarm.alarm_actions, name).toEqual([topic]);
      expect(alarm.ok_actions, name).toEqual([topic]);
      expect(alarm.treat_missing_data, name).toBe("notBreaching");
    }
  });

  test("one operations dashboard charts the load balancer, database, file system and upload sync", () => {
    const [[, dashboard]] = resourcesOf(json, "aws_cloudwatch_dashboard");
    expect(dashboard.dashboard_name).toBe("pi-test-operations");
    for (const metric of ["RequestCount", "TargetResponseTime", "CPUUtilization", "FreeStorageSpace", "PercentIOLimit", "ApproximateNumberOfMessagesVisible"]) {
      expect(dashboard.dashboard_body).toContain(`"${metric}"`);
    }
    expect(json.output?.operations_dashboard_name.description).toMatch(/dashboard/);
  });
});
