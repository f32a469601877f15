/** The edge and alarms tiers' Terraform outputs, each with a description. */
import { TerraformOutput, type TerraformStack } from "cdktf";
import type { AlarmTopic } from "../alarms/alarm-topic";
import type { Edge } from "./edge";

export function addEdgeOutputs(stack: TerraformStack, tiers: { readonly edge: Edge; readonly alarms: AlarmTopic }): void {
  const { edge, alarms } = tiers;
  new TerraformOutput(stack, "dashboard_url", { value: edge.dashboardUrl, description: "URL of the Panintelligence dashboard." });
  new TerraformOutput(stack, "alb_dns_name", {
    value: edge.loadBalancerDnsName,
    description: "DNS name of the load balancer (the Route 53 alias records point here).",
  });
  new TerraformOutput(stack, "certificate_arn", { value: edge.certificateArn, description: "ARN of the HTTPS listener's certificate." });
  new TerraformOutput(stack, "alarm_topic_arn", { value: alarms.topicArn, description: "ARN of the SNS topic the alarms notify." });
  new TerraformOutput(stack, "access_log_bucket", {
    value: edge.logBucket.bucketName,
    description: "S3 bucket holding the load balancer's access logs (and S3 server access logs).",
  });
}
