/** An IAM role only one AWS service of this account can assume, with AWS-managed policies attached. */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { partitionOf } from "../partition";

export interface ServiceRoleProps {
  /** Role name. */
  readonly name: string;
  readonly description: string;
  /** Service principal, e.g. `backup.amazonaws.com`. */
  readonly service: string;
  /** Region of the stack: decides the ARN partition of the managed policies. */
  readonly region: string;
  /** Names of AWS-managed policies under `arn:<partition>:iam::aws:policy/service-role/`. */
  readonly managedServiceRolePolicies: readonly string[];
}

export class ServiceRole extends Construct {
  public readonly roleArn: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.name,
      description: props.description,
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: props.service },
            Action: "sts:AssumeRole",
            // No aws:SourceAccount condition: AWS Backup and RDS monitoring do not document sending it when they assume
            // the role. A service role cannot be passed across accounts (iam:PassRole), which is the guard here.
          },
        ],
      }),
    });
    props.managedServiceRolePolicies.forEach((policy) => {
      new IamRolePolicyAttachment(this, policy.replace(/[^A-Za-z0-9]+/g, "_"), {
        role: role.name,
        policyArn: `arn:${partitionOf(props.region)}:iam::aws:policy/service-role/${policy}`,
      });
    });
    this.roleArn = role.arn;
    this.roleName = role.name;
  }
}
