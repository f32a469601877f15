/**
 * Load-balancer alarms: the share of 5xx responses, unhealthy dashboard targets and the dashboard's p95 response
 * time. Each notifies the alarm topic when it fires and when it recovers; no data (no traffic, no targets yet) is
 * never an alarm.
 */
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AlarmsConfig } from "../../config/schema/alarms";

/** Below this many requests a minute the 5xx share is not judged (two errors in three requests is not an outage). */
export const MIN_REQUESTS_FOR_ERROR_RATE = 20;

export interface AlbAlarmsProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly topicArn: string;
  readonly thresholds: AlarmsConfig["alb"];
}

export class AlbAlarms extends Construct {
  constructor(scope: Construct, id: string, props: AlbAlarmsProps) {
    super(scope, id);
    const { prefix, thresholds } = props;
    const notify = { alarmActions: [props.topicArn], okActions: [props.topicArn], treatMissingData: "notBreaching" };
    const loadBalancer = { LoadBalancer: props.loadBalancerArnSuffix };
    const targetGroup = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    const count = (id: string, metricName: string) => ({
      id,
      returnData: false,
      metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: loadBalancer, period: 60, stat: "Sum" },
    });

    new CloudwatchMetricAlarm(this, "server_errors", {
      alarmName: `${prefix}-alb-5xx-rate`,
      alarmDescription: `More than ${thresholds.serverErrorPercent}% of requests to the load balancer ended in a 5xx response (load balancer or dashboard).`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: thresholds.serverErrorPercent,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      metricQuery: [
        count("elb5xx", "HTTPCode_ELB_5XX_Count"),
        count("target5xx", "HTTPCode_Target_5XX_Count"),
        count("requests", "RequestCount"),
        {
          id: "rate",
          label: "5xx responses (% of requests)",
          returnData: true,
          expression: `IF(requests >= ${MIN_REQUESTS_FOR_ERROR_RATE}, 100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests, 0)`,
        },
      ],
      ...notify,
    });

    new CloudwatchMetricAlarm(this, "unhealthy_targets", {
      alarmName: `${prefix}-dashboard-unhealthy`,
      alarmDescription: `${thresholds.unhealthyTargets} or more dashboard tasks failed the /pi/version health check for 3 minutes.`,
      namespace: "AWS/ApplicationELB",
      metricName: "UnHealthyHostCount",
      dimensions: targetGroup,
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 3,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: thresholds.unhealthyTargets,
      ...notify,
    });

    new CloudwatchMetricAlarm(this, "response_time", {
      alarmName: `${prefix}-dashboard-p95-latency`,
      alarmDescription: `The dashboard's 95th-percentile response time exceeded ${thresholds.targetResponseTimeSeconds} s in 3 of 5 minutes.`,
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: targetGroup,
      extendedStatistic: "p95",
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: "GreaterThanThreshold",
      threshold: thresholds.targetResponseTimeSeconds,
      ...notify,
    });
  }
}
