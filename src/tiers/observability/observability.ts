/**
 * Observability tier: the alarms that need no compute tier (database, file system, upload sync; the load-balancer
 * alarms live with the edge) and the operations dashboard. All alarms notify the encrypted alarm topic.
 */
import { Construct } from "constructs";
import type { AlarmsConfig } from "../../config/schema/alarms";
import { OperationsDashboard, type OperationsDashboardProps } from "./dashboard";
import { metricAlarm } from "./alarm";
import { DataAlarms } from "./data-alarms";
import { UploadAlarms } from "./upload-alarms";

export interface ObservabilityProps extends OperationsDashboardProps {
  readonly topicArn: string;
  readonly throughputMode: "elastic" | "bursting";
  readonly thresholds: AlarmsConfig;
}

export class Observability extends Construct {
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    new DataAlarms(this, "data_alarms", {
      prefix: props.prefix,
      topicArn: props.topicArn,
      dbInstanceIdentifier: props.dbInstanceIdentifier,
      fileSystemId: props.fileSystemId,
      throughputMode: props.throughputMode,
      database: props.thresholds.database,
      fileStorage: props.thresholds.fileStorage,
    });
    if (props.services) {
      const { clusterName, serviceNames } = props.services;
      const dashboard = serviceNames[0];
      const cpuPercent = props.thresholds.dashboard.cpuPercent;
      metricAlarm(this, "dashboard_cpu", props.topicArn, {
        name: `${props.prefix}-dashboard-cpu`,
        description: `The dashboard service's CPU stayed above ${cpuPercent}% for 10 minutes: autoscaling is at its maximum or too slow.`,
        namespace: "AWS/ECS",
        metricName: "CPUUtilization",
        dimensions: { ClusterName: clusterName, ServiceName: dashboard },
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        threshold: cpuPercent,
        minutes: 10,
      });
    }
    if (props.uploadSync) {
      new UploadAlarms(this, "upload_alarms", { prefix: props.prefix, topicArn: props.topicArn, ...props.uploadSync });
    }
    this.dashboardName = new OperationsDashboard(this, "dashboard", props).dashboardName;
  }
}
