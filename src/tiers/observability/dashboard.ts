/** The CloudWatch dashboard: one page with the metrics the alarms watch, so an alarm leads straight to its context. */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";

export interface OperationsDashboardProps {
  readonly prefix: string;
  readonly region: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly dbInstanceIdentifier: string;
  readonly fileSystemId: string;
  /** The upload-sync function and its dead-letter queue, for their widgets. @default none (no upload-sync widgets) */
  readonly uploadSync?: { readonly functionName: string; readonly deadLetterQueueName: string };
  /** ECS services to chart (CPU and memory); the first is the dashboard, whose CPU is also alarmed. @default none */
  readonly services?: { readonly clusterName: string; readonly serviceNames: readonly string[] };
}

type Metric = readonly unknown[];

export class OperationsDashboard extends Construct {
  public readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const lb = ["LoadBalancer", props.loadBalancerArnSuffix];
    const tg = [...lb, "TargetGroup", props.targetGroupArnSuffix];
    const db = ["DBInstanceIdentifier", props.dbInstanceIdentifier];
    const fs = ["FileSystemId", props.fileSystemId];
    const widget = (title: string, metrics: Metric[], stat = "Average") => ({
      type: "metric",
      width: 12,
      height: 6,
      properties: { title, region: props.region, stat, period: 60, view: "timeSeries", metrics },
    });
    const widgets = [
      widget(
        "Requests and 5xx",
        [
          ["AWS/ApplicationELB", "RequestCount", ...lb],
          [".", "HTTPCode_ELB_5XX_Count", ...lb],
          [".", "HTTPCode_Target_5XX_Count", ...lb],
        ],
        "Sum",
      ),
      widget("Dashboard response time (p95) and healthy tasks", [
        ["AWS/ApplicationELB", "TargetResponseTime", ...tg, { stat: "p95" }],
        [".", "HealthyHostCount", ...tg, { yAxis: "right" }],
      ]),
      ...(props.services
        ? props.services.serviceNames.map((service) =>
            widget(`${service}: CPU and memory`, [
              ["AWS/ECS", "CPUUtilization", "ClusterName", props.services!.clusterName, "ServiceName", service],
              [".", "MemoryUtilization", ".", ".", ".", "."],
            ]),
          )
        : []),
      widget("Database CPU and connections", [
        ["AWS/RDS", "CPUUtilization", ...db],
        [".", "DatabaseConnections", ...db, { yAxis: "right" }],
      ]),
      widget("Database free storage", [["AWS/RDS", "FreeStorageSpace", ...db]], "Minimum"),
      widget("EFS I/O limit and throughput", [
        ["AWS/EFS", "PercentIOLimit", ...fs],
        [".", "MeteredIOBytes", ...fs, { yAxis: "right", stat: "Sum" }],
      ]),
      ...(props.uploadSync
        ? [
            widget(
              "Upload sync: errors and dead letters",
              [
                ["AWS/Lambda", "Errors", "FunctionName", props.uploadSync.functionName],
                ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", props.uploadSync.deadLetterQueueName, { yAxis: "right", stat: "Maximum" }],
              ],
              "Sum",
            ),
          ]
        : []),
    ];
    const dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: `${props.prefix}-operations`,
      dashboardBody: Fn.jsonencode({ widgets }),
    });
    this.dashboardName = dashboard.dashboardName;
  }
}
