/**
 * Alarms tier: the SNS topic every alarm notifies, encrypted with its own KMS key (CloudWatch cannot publish to a
 * topic under the AWS-managed `alias/aws/sns` key, whose policy cannot grant it), and e-mail subscriptions. The
 * alarms themselves live beside what they watch (edge: load balancer; compute: services, database, file system).
 */
import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { Fn } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { partitionOf } from "../partition";
import { KMS_ADMINISTRATION_ACTIONS, KMS_USE_ACTIONS } from "../kms-key-actions";

export interface AlarmTopicProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  /** `protect` keeps a deleted key recoverable for 30 days, `ephemeral` for the minimum 7. */
  readonly lifecycle: "protect" | "ephemeral";
  /** Addresses subscribed to the topic. */
  readonly emails: readonly string[];
}

/** Key-administration and use actions granted to the account (IAM policies decide who); no `kms:*`. */
const ACCOUNT_KEY_ACTIONS = [...KMS_ADMINISTRATION_ACTIONS, ...KMS_USE_ACTIONS];

export class AlarmTopic extends Construct {
  /** ARN for `alarm_actions` / `ok_actions`. */
  public readonly topicArn: string;
  /** The topic's KMS key, for other publishers that need kms:GenerateDataKey / kms:Decrypt. */
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const partition = partitionOf(props.region);
    const accountRoot = `arn:${partition}:iam::${props.accountId}:root`;
    const key = new KmsKey(this, "key", {
      description: `${props.prefix} alarm notifications (SNS topic encryption)`,
      enableKeyRotation: true,
      deletionWindowInDays: props.lifecycle === "protect" ? 30 : 7,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: accountRoot }, Action: ACCOUNT_KEY_ACTIONS, Resource: "*" },
          {
            // CloudWatch publishes alarm notifications to the encrypted topic; it supports no narrowing condition here.
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
          },
        ],
      }),
      tags: { Name: `${props.prefix}-alarms` },
    });
    new KmsAlias(this, "alias", { name: `alias/${props.prefix}-alarms`, targetKeyId: key.keyId });

    const topic = new SnsTopic(this, "topic", {
      name: `${props.prefix}-alarms`,
      displayName: `${props.prefix} alarms`,
      kmsMasterKeyId: key.arn,
      tags: { Name: `${props.prefix}-alarms` },
    });
    new SnsTopicPolicy(this, "policy", {
      arn: topic.arn,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AccountManages",
            Effect: "Allow",
            Principal: { AWS: accountRoot },
            Action: [
              "sns:GetTopicAttributes",
              "sns:SetTopicAttributes",
              "sns:AddPermission",
              "sns:RemovePermission",
              "sns:DeleteTopic",
              "sns:Subscribe",
              "sns:ListSubscriptionsByTopic",
              "sns:Publish",
            ],
            Resource: topic.arn,
          },
          {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topic.arn,
            Condition: {
              StringEquals: { "aws:SourceAccount": props.accountId },
              ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${props.region}:${props.accountId}:alarm:*` },
            },
          },
        ],
      }),
    });
    // for_each keyed by the address (reordering the list never re-subscribes anyone); an iterator rather than a
    // TypeScript loop, so the module can take the addresses as a variable.
    if (Token.isUnresolved(props.emails) || props.emails.length > 0) {
      const addresses = TerraformIterator.fromList([...(Token.isUnresolved(props.emails) ? props.emails : new Set(props.emails))]);
      new SnsTopicSubscription(this, "email", { forEach: addresses, topicArn: topic.arn, protocol: "email", endpoint: addresses.value });
    }
    this.topicArn = topic.arn;
    this.keyArn = key.arn;
  }
}
