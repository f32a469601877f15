/**
 * The one redeploy that makes Service Connect calls work after the first apply. A task's Service Connect proxy only
 * knows the names that existed in the namespace when the task started; the renderer must start before the dashboard (it
 * calls it) yet calls it back, and the dashboard starts before the scheduler (pinned after it for upgrades) yet calls
 * it. Once every service exists, a State Manager association starts the project's redeploy runbook
 * (ecs:UpdateService forceNewDeployment) once per such service: an association without schedule runs when it is
 * created, and again only if its parameters change.
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { SsmAssociation } from "@cdktf/provider-aws/lib/ssm-association";

export interface FirstStartRedeployProps {
  readonly prefix: string;
  readonly clusterName: string;
  /** The redeploy runbook (RedeployOnSecretChange) and the role it runs as. */
  readonly documentName: string;
  readonly automationRoleArn: string;
  /** The services to redeploy, each with its ECS service (created before the association). */
  readonly clients: ReadonlyArray<{ readonly name: string; readonly service: ITerraformDependable }>;
  /** What must exist first: every service and the runbook's permissions. */
  readonly after: readonly ITerraformDependable[];
}

export class FirstStartRedeploy extends Construct {
  /** The associations, by service name. */
  public readonly associations: ReadonlyMap<string, SsmAssociation>;

  constructor(scope: Construct, id: string, props: FirstStartRedeployProps) {
    super(scope, id);
    const associations = new Map<string, SsmAssociation>();
    for (const client of props.clients) {
      associations.set(
        client.name,
        new SsmAssociation(this, client.name, {
          associationName: `${props.prefix}-first-start-${client.name}`,
          name: props.documentName,
          parameters: { AutomationAssumeRole: props.automationRoleArn, Cluster: props.clusterName, Service: client.name },
          dependsOn: [client.service, ...props.after],
        }),
      );
    }
    this.associations = associations;
  }
}
