/** VPC flow logs into a CloudWatch log group, written by a role only the flow-logs service of this account can assume. */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";

export interface VpcFlowLogsProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly trafficType: "ALL" | "REJECT";
  readonly retentionDays: number;
}

export class VpcFlowLogs extends Construct {
  public readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: `/aws/vpc/${props.prefix}/flow-logs`,
      retentionInDays: props.retentionDays,
    });
    const role = new IamRole(this, "role", {
      name: `${props.prefix}-vpc-flow-logs`,
      description: "Lets VPC flow logs write to their log group",
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            // Confused-deputy guard: only flow logs of this account may use the role.
            Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
          },
        ],
      }),
    });
    new IamRolePolicy(this, "policy", {
      name: "write-flow-logs",
      role: role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:DescribeLogGroups"],
            Resource: [logGroup.arn, `${logGroup.arn}:*`],
          },
        ],
      }),
    });
    new FlowLog(this, "flow_log", {
      vpcId: props.vpcId,
      trafficType: props.trafficType,
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: { Name: `${props.prefix}-flow-logs` },
    });
    this.logGroupName = logGroup.name;
  }
}
