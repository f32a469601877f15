/**
 * The alarms ECS watches during a dashboard deployment (the service's `alarms` block rolls the deployment back when
 * one fires). They read the dashboard's target group only: the targets' own 5xx share, and unhealthy targets. The
 * load balancer's own 5xx (503 while no task is registered) is left out on purpose: every dashboard deployment
 * stops the old version before the new one starts (never two versions against one schema), so a few minutes without
 * targets are expected and must not roll the upgrade back. They notify the alarm topic: a rollback is news.
 */
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { MIN_REQUESTS_FOR_ERROR_RATE } from "../edge/alb-alarms";

/** Minutes a target may stay unhealthy before the deployment is rolled back: longer than Tomcat's start. */
export const UNHEALTHY_MINUTES = 5;

export interface DeploymentAlarmsProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  /** Topic notified when a guard fires (the deployment is being rolled back) and when it recovers. */
  readonly topicArn: string;
  /** Share of the targets' responses that are 5xx (percent) above which a deployment is rolled back. */
  readonly serverErrorPercent: number;
  /** Unhealthy dashboard targets (for UNHEALTHY_MINUTES) at which a deployment is rolled back. */
  readonly unhealthyTargets: number;
}

export class DeploymentAlarms extends Construct {
  /** The alarm names, for the ECS service's `alarms` block. */
  public readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: DeploymentAlarmsProps) {
    super(scope, id);
    const { prefix } = props;
    const notify = { alarmActions: [props.topicArn], okActions: [props.topicArn], treatMissingData: "notBreaching" };
    const targetGroup = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    const count = (id: string, metricName: string) => ({
      id,
      returnData: false,
      metric: { namespace: "AWS/ApplicationELB", metricName, dimensions: targetGroup, period: 60, stat: "Sum" },
    });

    const errors = new CloudwatchMetricAlarm(this, "target_5xx", {
      alarmName: `${prefix}-dashboard-deploy-5xx`,
      alarmDescription: `Deployment guard: more than ${props.serverErrorPercent}% of the dashboard targets' responses were 5xx in 3 minutes in a row; ECS rolls the deployment back.`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: props.serverErrorPercent,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      metricQuery: [
        count("target5xx", "HTTPCode_Target_5XX_Count"),
        count("requests", "RequestCount"),
        {
          id: "rate",
          label: "dashboard 5xx responses (% of requests)",
          returnData: true,
          expression: `IF(requests >= ${MIN_REQUESTS_FOR_ERROR_RATE}, 100 * FILL(target5xx, 0) / requests, 0)`,
        },
      ],
      ...notify,
    });

    const unhealthy = new CloudwatchMetricAlarm(this, "unhealthy", {
      alarmName: `${prefix}-dashboard-deploy-unhealthy`,
      alarmDescription: `Deployment guard: ${props.unhealthyTargets} or more dashboard targets failed /pi/version for ${UNHEALTHY_MINUTES} minutes in a row; ECS rolls the deployment back.`,
      namespace: "AWS/ApplicationELB",
      metricName: "UnHealthyHostCount",
      dimensions: targetGroup,
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: UNHEALTHY_MINUTES,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: props.unhealthyTargets,
      ...notify,
    });

    this.alarmNames = [errors.alarmName, unhealthy.alarmName];
  }
}
