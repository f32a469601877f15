/** Database and file-system alarms: RDS CPU, free storage and connections; EFS I/O limit (and burst credits). */
import { Construct } from "constructs";
import type { AlarmsConfig } from "../../config/schema/alarms";
import { metricAlarm } from "./alarm";

const GIB = 1024 ** 3;

export interface DataAlarmsProps {
  readonly prefix: string;
  readonly topicArn: string;
  readonly dbInstanceIdentifier: string;
  readonly fileSystemId: string;
  readonly throughputMode: "elastic" | "bursting";
  readonly database: AlarmsConfig["database"];
  readonly fileStorage: AlarmsConfig["fileStorage"];
}

export class DataAlarms extends Construct {
  constructor(scope: Construct, id: string, props: DataAlarmsProps) {
    super(scope, id);
    const { prefix, topicArn, database, fileStorage } = props;
    const db = { DBInstanceIdentifier: props.dbInstanceIdentifier };
    metricAlarm(this, "db_cpu", topicArn, {
      name: `${prefix}-db-cpu`,
      description: `Database CPU above ${database.cpuPercent}% for 10 minutes: find the heavy queries or size the instance up.`,
      namespace: "AWS/RDS",
      metricName: "CPUUtilization",
      dimensions: db,
      statistic: "Average",
      comparison: "GreaterThanThreshold",
      threshold: database.cpuPercent,
      minutes: 10,
    });
    metricAlarm(this, "db_free_storage", topicArn, {
      name: `${prefix}-db-free-storage`,
      description: `Database free storage below ${database.freeStorageGiB} GiB.`,
      namespace: "AWS/RDS",
      metricName: "FreeStorageSpace",
      dimensions: db,
      statistic: "Minimum",
      comparison: "LessThanThreshold",
      threshold: database.freeStorageGiB * GIB,
      minutes: 5,
    });
    metricAlarm(this, "db_connections", topicArn, {
      name: `${prefix}-db-connections`,
      description: `More than ${database.connections} database connections for 5 minutes (Panintelligence warns near 300).`,
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      dimensions: db,
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: database.connections,
      minutes: 5,
    });
    const fs = { FileSystemId: props.fileSystemId };
    metricAlarm(this, "efs_io_limit", topicArn, {
      name: `${prefix}-efs-io-limit`,
      description: `EFS I/O above ${fileStorage.percentIoLimit}% of its limit for 15 minutes.`,
      namespace: "AWS/EFS",
      metricName: "PercentIOLimit",
      dimensions: fs,
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: fileStorage.percentIoLimit,
      minutes: 15,
    });
    if (props.throughputMode === "bursting") {
      metricAlarm(this, "efs_burst_credits", topicArn, {
        name: `${prefix}-efs-burst-credits`,
        description: `EFS burst credits below ${fileStorage.burstCreditBalanceGiB} GiB: throughput will drop to the baseline.`,
        namespace: "AWS/EFS",
        metricName: "BurstCreditBalance",
        dimensions: fs,
        statistic: "Minimum",
        comparison: "LessThanThreshold",
        threshold: fileStorage.burstCreditBalanceGiB * GIB,
        minutes: 15,
      });
    }
  }
}
