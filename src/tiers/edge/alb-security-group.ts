/**
 * The load balancer's security group: HTTP and HTTPS in from the configured ranges, and out only to the services
 * registered through `allowToService` (each call also opens the service's group to the load balancer). With no
 * service registered the group has no egress at all (Terraform removes AWS's default allow-all rule).
 */
import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

export const LISTENER_PORTS = [80, 443] as const;

export interface AlbSecurityGroupProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly vpcId: string;
  /** IPv4 ranges allowed in on 80 and 443. */
  readonly ipv4Cidrs: readonly string[];
  /** IPv6 ranges allowed in on 80 and 443. */
  readonly ipv6Cidrs: readonly string[];
}

/** Characters AWS accepts in security-group rule descriptions. */
const DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,200}$/;

export class AlbSecurityGroup extends Construct {
  public readonly securityGroupId: string;
  private readonly services = new Set<string>();

  constructor(scope: Construct, id: string, props: AlbSecurityGroupProps) {
    super(scope, id);
    const group = new SecurityGroup(this, "group", {
      name: `${props.prefix}-alb`,
      description: "Panintelligence load balancer: HTTP/HTTPS in from the allowed ranges, out to the services only",
      vpcId: props.vpcId,
      tags: { Name: `${props.prefix}-alb` },
    });
    this.securityGroupId = group.id;
    // One rule per port and address family, for_each over the ranges (keyed by range: editing one never replaces
    // another); an iterator rather than a TypeScript loop, so the module can take the ranges as a variable.
    const families = [
      ["ipv4", props.ipv4Cidrs],
      ["ipv6", props.ipv6Cidrs],
    ] as const;
    for (const port of LISTENER_PORTS) {
      const purpose = port === 443 ? "HTTPS" : "HTTP (redirected to HTTPS)";
      for (const [family, cidrs] of families) {
        if (!Token.isUnresolved(cidrs) && cidrs.length === 0) continue;
        const ranges = TerraformIterator.fromList([...cidrs]);
        new VpcSecurityGroupIngressRule(this, `in_${port}_${family}`, {
          forEach: ranges,
          securityGroupId: group.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          ...(family === "ipv4" ? { cidrIpv4: ranges.value } : { cidrIpv6: ranges.value }),
          description: `${purpose} from ${ranges.value}`,
        });
      }
    }
  }

  /**
   * Lets the load balancer reach a service: an egress rule on the load balancer's group to `securityGroupId` on
   * `port`, and an ingress rule on `securityGroupId` from the load balancer's group on the same port.
   * @param description what the service is, e.g. "dashboard HTTP 8224" (unique per port; names the rules)
   */
  public allowToService(securityGroupId: string, port: number, description: string): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`allowToService: port ${port} is not a TCP port`);
    if (!DESCRIPTION.test(description)) {
      throw new Error(`allowToService: description "${description}" must be 1-200 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*`);
    }
    const key = `${port}_${description
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "")}`.slice(0, 60);
    if (this.services.has(key)) throw new Error(`allowToService: "${description}" on port ${port} is already allowed`);
    this.services.add(key);
    new VpcSecurityGroupEgressRule(this, `out_${key}`, {
      securityGroupId: this.securityGroupId,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: `To ${description}`,
    });
    new VpcSecurityGroupIngressRule(this, `service_in_${key}`, {
      securityGroupId,
      referencedSecurityGroupId: this.securityGroupId,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: `From the load balancer: ${description}`,
    });
  }
}
