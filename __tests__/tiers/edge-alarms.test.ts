import { describe, expect, test } from "vitest";
import { MIN_REQUESTS_FOR_ERROR_RATE } from "../../src/tiers/edge/alb-alarms";
import { policyDocument, statement } from "../support/policy-document";
import { ref, resourcesOf, synthEnvironment, type TerraformJson, instancesOf } from "../support/synth";

function topic(json: TerraformJson): [string, Record<string, any>] {
  const topics = resourcesOf(json, "aws_sns_topic");
  expect(topics).toHaveLength(1);
  return topics[0];
}

const alarmNamed = (json: TerraformJson, suffix: string) => {
  const found = resourcesOf(json, "aws_cloudwatch_metric_alarm").filter(([, a]) => a.alarm_name === `pi-test-${suffix}`);
  expect(found, suffix).toHaveLength(1);
  return found[0][1];
};

describe("Alarms tier: the alarm topic", () => {
  test("encrypted with its own rotating KMS key (CloudWatch cannot use the AWS-managed SNS key)", () => {
    const json = synthEnvironment().json;
    const [, sns] = topic(json);
    const keys = resourcesOf(json, "aws_kms_key").filter(([name]) => name.startsWith("alarms_"));
    expect(keys).toHaveLength(1);
    const [keyName, key] = keys[0];
    expect(sns).toMatchObject({ name: "pi-test-alarms", kms_master_key_id: ref("aws_kms_key", keyName, "arn") });
    expect(sns.kms_master_key_id).not.toContain("alias/aws/sns");
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(
      resourcesOf(synthEnvironment({ lifecycle: "ephemeral" }).json, "aws_kms_key").find(([n]) => n.startsWith("alarms_"))![1].deletion_window_in_days,
    ).toBe(7);
  });

  test("the key lets CloudWatch encrypt notifications; the account administers it without kms:*", () => {
    const [[, key]] = resourcesOf(synthEnvironment().json, "aws_kms_key").filter(([name]) => name.startsWith("alarms_"));
    const document = policyDocument(key.policy);
    expect(statement(document, "CloudWatchAlarmsPublish")).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    });
    const admin = statement(document, "AccountAdministers");
    expect(admin.Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
    expect(admin.Action).not.toContain("kms:*");
    for (const s of document.Statement) expect(s.Principal).not.toBe("*");
  });

  test("only this account's CloudWatch alarms may publish (topic policy)", () => {
    const json = synthEnvironment().json;
    const [topicName] = topic(json);
    const [[, policy]] = resourcesOf(json, "aws_sns_topic_policy");
    expect(policy.arn).toBe(ref("aws_sns_topic", topicName, "arn"));
    expect(statement(policyDocument(policy.policy), "CloudWatchAlarmsPublish")).toMatchObject({
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Condition: {
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:*" },
      },
    });
  });

  test("one e-mail subscription per configured address, none by default", () => {
    expect(resourcesOf(synthEnvironment().json, "aws_sns_topic_subscription")).toEqual([]);
    const json = synthEnvironment({ alarms: { emails: ["ops@example.com", "bi@example.com"] } }).json;
    const [topicName] = topic(json);
    const subscriptions = instancesOf(json, "aws_sns_topic_subscription");
    expect(subscriptions.map(([, s]) => s.endpoint).sort()).toEqual(["bi@example.com", "ops@example.com"]);
    for (const [, s] of subscriptions) expect(s).toMatchObject({ protocol: "email", topic_arn: ref("aws_sns_topic", topicName, "arn") });
    // keyed by address: reordering or adding addresses never re-subscribes anyone
    expect(subscriptions.map(([address]) => address.replace(/^.*\[/, "["))).toEqual(['["ops@example.com"]', '["bi@example.com"]']);
  });
});

describe("Edge tier: load-balancer alarms", () => {
  test("every alarm notifies the topic on alarm and recovery, and no data is not an alarm", () => {
    const json = synthEnvironment().json;
    const topicArn = ref("aws_sns_topic", topic(json)[0], "arn");
    const alarms = resourcesOf(json, "aws_cloudwatch_metric_alarm").filter(([name]) => name.startsWith("edge_"));
    expect(alarms).toHaveLength(3);
    for (const [, alarm] of alarms) {
      expect(alarm).toMatchObject({ alarm_actions: [topicArn], ok_actions: [topicArn], treat_missing_data: "notBreaching" });
      expect(alarm.alarm_description.length).toBeGreaterThan(20);
    }
  });

  test("5xx rate: load balancer and target 5xx as a share of requests, judged only with enough traffic", () => {
    const json = synthEnvironment().json;
    const [[albName]] = resourcesOf(json, "aws_lb");
    const alarm = alarmNamed(json, "alb-5xx-rate");
    expect(alarm).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 5, evaluation_periods: 5, datapoints_to_alarm: 3 });
    const queries = alarm.metric_query as Array<Record<string, any>>;
    const metrics = queries.filter((q) => q.metric).map((q) => q.metric);
    expect(metrics.map((m) => m.metric_name).sort()).toEqual(["HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count", "RequestCount"]);
    for (const m of metrics) {
      expect(m).toMatchObject({ namespace: "AWS/ApplicationELB", stat: "Sum", period: 60, dimensions: { LoadBalancer: ref("aws_lb", albName, "arn_suffix") } });
    }
    const [expression] = queries.filter((q) => q.expression);
    expect(expression.return_data).toBe(true);
    expect(expression.expression).toContain(`requests >= ${MIN_REQUESTS_FOR_ERROR_RATE}`);
    expect(expression.expression).toMatch(/100 \* \(FILL\(elb5xx, 0\) \+ FILL\(target5xx, 0\)\) \/ requests/);
  });

  test("unhealthy dashboard targets and p95 response time, per target group, with config thresholds", () => {
    const json = synthEnvironment({ alarms: { alb: { unhealthyTargets: 2, targetResponseTimeSeconds: 45, serverErrorPercent: 2 } } }).json;
    const [[albName]] = resourcesOf(json, "aws_lb");
    const [[tgName]] = resourcesOf(json, "aws_lb_target_group");
    const dimensions = { LoadBalancer: ref("aws_lb", albName, "arn_suffix"), TargetGroup: ref("aws_lb_target_group", tgName, "arn_suffix") };
    expect(alarmNamed(json, "dashboard-unhealthy")).toMatchObject({
      namespace: "AWS/ApplicationELB",
      metric_name: "UnHealthyHostCount",
      statistic: "Maximum",
      dimensions,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      threshold: 2,
    });
    expect(alarmNamed(json, "dashboard-p95-latency")).toMatchObject({
      metric_name: "TargetResponseTime",
      extended_statistic: "p95",
      dimensions,
      comparison_operator: "GreaterThanThreshold",
      threshold: 45,
    });
    expect(alarmNamed(json, "alb-5xx-rate").threshold).toBe(2);
  });
});
