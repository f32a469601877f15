/**
 * Rotation-aware secrets. ECS resolves `secrets` only when a task starts, so a rotated DB password or a new licence
 * reaches running tasks only through a new deployment. An EventBridge rule per secret (CloudTrail events from Secrets
 * Manager) starts a small Systems Manager Automation runbook, once per service that reads the secret, which calls
 * `ecs:UpdateService` with `forceNewDeployment` (`aws:executeAwsApi`: no function code to build, patch or scan, and,
 * unlike a Step Functions state machine, nothing the provider validates against AWS during an offline plan).
 *
 * - DB secret: `RotationSucceeded` only (during a rotation `PutSecretValue` writes the pending version, which is not
 *   current yet; redeploying then would start tasks with the old password).
 * - Licence secret: `PutSecretValue` / `UpdateSecret` (the operator's CLI call) and `RotationSucceeded`.
 *
 * Needs a CloudTrail trail that logs management events in the region (EventBridge receives the CloudTrail events
 * through it); documented in docs/runbooks/licence.md.
 */
import { Construct } from "constructs";
import { Fn, type ITerraformDependable } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { partitionOf } from "../partition";

/** One secret and the services to redeploy when it changes. */
export interface WatchedSecret {
  /** Short id for resource names (`db`, `licence`). */
  readonly id: string;
  readonly secretArn: string;
  /** CloudTrail event names that mean "the current value changed". */
  readonly eventNames: readonly string[];
  /** At most 5 (EventBridge targets per rule). */
  readonly services: readonly string[];
}

export interface RedeployOnSecretChangeProps {
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  /** Cluster name (the service ARNs are built from it, so the policy names them without a lookup). */
  readonly clusterName: string;
  readonly secrets: readonly WatchedSecret[];
  /** Further services the runbook may redeploy (the first-start redeploy of callback clients). @default none */
  readonly alsoServices?: readonly string[];
}

export class RedeployOnSecretChange extends Construct {
  /** Name of the Automation runbook (`aws ssm start-automation-execution --document-name …` by hand). */
  public readonly documentName: string;
  /** Role the runbook runs as (its `AutomationAssumeRole` parameter). */
  public readonly automationRoleArn: string;
  /** What must exist before the runbook is started: the document and the role's permissions. */
  public readonly ready: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: RedeployOnSecretChangeProps) {
    super(scope, id);
    const partition = partitionOf(props.region);
    const name = `${props.prefix}-redeploy`;
    const services = [...new Set([...props.secrets.flatMap((s) => s.services), ...(props.alsoServices ?? [])])].sort();
    const serviceArn = (service: string) => `arn:${partition}:ecs:${props.region}:${props.accountId}:service/${props.clusterName}/${service}`;
    const assume = (service: string) =>
      Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: service },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
          },
        ],
      });

    const automationRole = new IamRole(this, "automation_role", {
      name,
      description: `Force a new deployment of the ${props.prefix} services that read a changed secret`,
      assumeRolePolicy: assume("ssm.amazonaws.com"),
    });
    const automationPolicy = new IamRolePolicy(this, "automation_policy", {
      name: "update-services",
      role: automationRole.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["ecs:UpdateService"], Resource: services.map(serviceArn) }],
      }),
    });
    const document = new SsmDocument(this, "runbook", {
      name,
      documentType: "Automation",
      documentFormat: "JSON",
      content: Fn.jsonencode({
        schemaVersion: "0.3",
        description: "Force a new deployment of one ECS service, so its tasks read their secrets again.",
        assumeRole: "{{ AutomationAssumeRole }}",
        parameters: {
          AutomationAssumeRole: { type: "String", description: "Role the runbook runs as." },
          Cluster: { type: "String", description: "ECS cluster name or ARN." },
          Service: { type: "String", description: "ECS service name." },
        },
        mainSteps: [
          {
            name: "ForceNewDeployment",
            action: "aws:executeAwsApi",
            maxAttempts: 3,
            inputs: { Service: "ecs", Api: "UpdateService", cluster: "{{ Cluster }}", service: "{{ Service }}", forceNewDeployment: true },
            isEnd: true,
          },
        ],
      }),
      tags: { Name: name },
    });

    const definitionArn = `arn:${partition}:ssm:${props.region}:${props.accountId}:automation-definition/${name}`;
    const eventsRole = new IamRole(this, "events_role", {
      name: `${name}-events`,
      description: `EventBridge starts ${name} when a watched secret changes`,
      assumeRolePolicy: assume("events.amazonaws.com"),
    });
    new IamRolePolicy(this, "events_policy", {
      name: "start-redeploy",
      role: eventsRole.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["ssm:StartAutomationExecution"], Resource: [definitionArn, `${definitionArn}:*`] },
          {
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [automationRole.arn],
            Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
          },
        ],
      }),
    });

    for (const secret of props.secrets) {
      const rule = new CloudwatchEventRule(this, `${secret.id}_changed`, {
        name: `${props.prefix}-${secret.id}-changed`,
        description: `${secret.id} secret changed (${secret.eventNames.join(", ")}): redeploy ${secret.services.join(", ")}`,
        eventPattern: Fn.jsonencode({
          source: ["aws.secretsmanager"],
          "detail-type": ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"],
          detail: {
            eventSource: ["secretsmanager.amazonaws.com"],
            eventName: [...secret.eventNames],
            // API calls carry the full ARN in responseElements; rotation service events in additionalEventData.
            $or: [{ responseElements: { arn: [secret.secretArn] } }, { additionalEventData: { SecretId: [secret.secretArn] } }],
          },
        }),
      });
      for (const service of secret.services) {
        new CloudwatchEventTarget(this, `${secret.id}_${service}`, {
          rule: rule.name,
          targetId: service,
          arn: definitionArn,
          roleArn: eventsRole.arn,
          // Automation parameters: each value a list of strings.
          input: Fn.jsonencode({ AutomationAssumeRole: [automationRole.arn], Cluster: [props.clusterName], Service: [service] }),
          dependsOn: [document],
        });
      }
    }
    this.documentName = document.name;
    this.automationRoleArn = automationRole.arn;
    this.ready = [document, automationPolicy];
  }
}
