/** One CloudWatch alarm on one metric that notifies the alarm topic when it fires and when it recovers. */
import type { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

export interface MetricAlarmSpec {
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum";
  readonly comparison: "GreaterThanThreshold" | "LessThanThreshold" | "GreaterThanOrEqualToThreshold";
  readonly threshold: number;
  /** Minutes the condition must hold (one-minute periods; five-minute periods for metrics AWS publishes that often). */
  readonly minutes: number;
  /** Length of one period: 300 for metrics AWS publishes only every five minutes. @default 60 */
  readonly periodSeconds?: 60 | 300;
}

export function metricAlarm(scope: Construct, id: string, topicArn: string, spec: MetricAlarmSpec): CloudwatchMetricAlarm {
  const period = spec.periodSeconds ?? 60;
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: spec.name,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: { ...spec.dimensions },
    statistic: spec.statistic,
    period,
    evaluationPeriods: Math.max(1, Math.ceil((spec.minutes * 60) / period)),
    comparisonOperator: spec.comparison,
    threshold: spec.threshold,
    alarmActions: [topicArn],
    okActions: [topicArn],
    // No data (a stopped instance, no uploads) is never an alarm on its own.
    treatMissingData: "notBreaching",
  });
}
