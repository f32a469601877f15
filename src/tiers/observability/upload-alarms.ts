/** Upload-sync alarms: any function error, and any event parked in the dead-letter queue (an upload not on EFS). */
import { Construct } from "constructs";
import { metricAlarm } from "./alarm";

export interface UploadAlarmsProps {
  readonly prefix: string;
  readonly topicArn: string;
  readonly functionName: string;
  readonly deadLetterQueueName: string;
}

export class UploadAlarms extends Construct {
  constructor(scope: Construct, id: string, props: UploadAlarmsProps) {
    super(scope, id);
    metricAlarm(this, "sync_errors", props.topicArn, {
      name: `${props.prefix}-upload-sync-errors`,
      description: "The upload-sync function failed; S3 retries, then parks the event in the dead-letter queue.",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: props.functionName },
      statistic: "Sum",
      comparison: "GreaterThanThreshold",
      threshold: 0,
      minutes: 5,
      periodSeconds: 300,
    });
    metricAlarm(this, "dead_letters", props.topicArn, {
      name: `${props.prefix}-upload-sync-dead-letters`,
      description: "Uploads that never reached EFS are waiting in the dead-letter queue (see docs/runbooks).",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: props.deadLetterQueueName },
      statistic: "Maximum",
      comparison: "GreaterThanThreshold",
      threshold: 0,
      minutes: 5,
      periodSeconds: 300,
    });
  }
}
