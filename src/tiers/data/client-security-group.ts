/**
 * A security group that admits one TCP port, and only from the security groups its clients name through
 * `allowFrom`. It has no egress rules (the services behind it never open connections) and never a CIDR rule, so it
 * works the same in a created or an existing VPC.
 */
import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

export interface ClientSecurityGroupProps {
  /** Security-group name (also its Name tag). */
  readonly name: string;
  /** What the group protects, for its description. */
  readonly description: string;
  readonly vpcId: string;
  /** The one TCP port clients may reach. */
  readonly port: number;
}

/** Characters AWS accepts in a security-group rule description. */
const RULE_DESCRIPTION = /^[A-Za-z0-9. _\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

export class ClientSecurityGroup extends Construct {
  /** Id of the security group, for the protected resource's `vpc_security_group_ids` / `security_groups`. */
  public readonly securityGroupId: string;
  /** The port `allowFrom` opens. */
  public readonly port: number;
  private readonly clients = new Set<string>();

  constructor(scope: Construct, id: string, props: ClientSecurityGroupProps) {
    super(scope, id);
    this.port = props.port;
    const group = new SecurityGroup(this, "security_group", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
    this.securityGroupId = group.id;
  }

  /**
   * Admit TCP `port` from one client security group. `description` names the client (e.g. "dashboard tasks"); it is
   * the rule's description and, slugged, its construct id, so each client is named once and calls may come in any order.
   */
  public allowFrom(securityGroupId: string, description: string): VpcSecurityGroupIngressRule {
    if (!RULE_DESCRIPTION.test(description)) {
      throw new Error(
        `${this.node.path}: rule description "${description}" has characters AWS does not accept (use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*)`,
      );
    }
    const slug = description
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "");
    if (this.clients.has(slug)) throw new Error(`${this.node.path}: a client named "${description}" was already allowed`);
    this.clients.add(slug);
    return new VpcSecurityGroupIngressRule(this, `from_${slug}`, {
      securityGroupId: this.securityGroupId,
      description,
      ipProtocol: "tcp",
      fromPort: this.port,
      toPort: this.port,
      referencedSecurityGroupId: securityGroupId,
    });
  }
}
