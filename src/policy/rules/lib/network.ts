/** Security-group and NACL rule shapes, read the same way whichever resource form declares them. */
import type { Context, Resource, Value } from "../../model";
import { Unknown, isUnknown } from "../../model";
import { blocks, list, num, str } from "./values";

export const INTERNET: ReadonlySet<string> = new Set(["0.0.0.0/0", "::/0"]);

export interface SgRule {
  readonly direction: "ingress" | "egress";
  /** Where the rule is declared, for messages: `ingress[1]` of an inline group, or "ingress rule" for a rule resource. */
  readonly label: string;
  readonly protocol: Value;
  readonly fromPort: Value;
  readonly toPort: Value;
  /** IPv4/IPv6 CIDRs and prefix lists. */
  readonly networks: readonly Value[];
  /** Security-group sources or destinations (including self). */
  readonly groups: readonly Value[];
  readonly description: Value;
}

export const SG_RULE_TYPES = ["aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"] as const;

/** The rules a resource declares: inline blocks of an aws_security_group, or the rule resource itself. */
export function sgRulesOf(resource: Resource): readonly SgRule[] {
  const v = resource.values;
  switch (resource.type) {
    case "aws_security_group":
      return (["ingress", "egress"] as const).flatMap((direction) =>
        blocks(v[direction]).map(
          (b, i): SgRule => ({
            direction,
            label: `${direction}[${i}]`,
            protocol: b.protocol ?? null,
            fromPort: b.from_port ?? null,
            toPort: b.to_port ?? null,
            networks: [...list(b.cidr_blocks), ...list(b.ipv6_cidr_blocks), ...list(b.prefix_list_ids)],
            groups: [...list(b.security_groups), ...(b.self === true ? ["self"] : [])],
            description: b.description ?? null,
          }),
        ),
      );
    case "aws_security_group_rule":
      return [
        {
          direction: v.type === "egress" ? "egress" : "ingress",
          label: `${v.type === "egress" ? "egress" : "ingress"} rule`,
          protocol: v.protocol ?? null,
          fromPort: v.from_port ?? null,
          toPort: v.to_port ?? null,
          networks: [...list(v.cidr_blocks), ...list(v.ipv6_cidr_blocks), ...list(v.prefix_list_ids)],
          groups: [...list(v.source_security_group_id), ...(v.self === true ? ["self"] : [])],
          description: v.description ?? null,
        },
      ];
    case "aws_vpc_security_group_ingress_rule":
    case "aws_vpc_security_group_egress_rule":
      return [
        {
          direction: resource.type.endsWith("ingress_rule") ? "ingress" : "egress",
          label: `${resource.type.endsWith("ingress_rule") ? "ingress" : "egress"} rule`,
          protocol: v.ip_protocol ?? null,
          fromPort: v.from_port ?? null,
          toPort: v.to_port ?? null,
          networks: [...list(v.cidr_ipv4), ...list(v.cidr_ipv6), ...list(v.prefix_list_id)],
          groups: list(v.referenced_security_group_id),
          description: v.description ?? null,
        },
      ];
    default:
      return [];
  }
}

/** "tcp", "udp", "icmp", "all" or the protocol as written; Unknown for an expression. */
export function protocolOf(value: Value): string | Unknown {
  const p = str(value);
  if (isUnknown(p)) return p;
  if (p === undefined) return "all";
  const lower = p.toLowerCase();
  if (lower === "-1" || lower === "all") return "all";
  return ({ "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" } as Record<string, string>)[lower] ?? lower;
}

/** The port range a rule opens; all ports for protocol all. */
export function portRange(protocol: string, from: Value, to: Value): readonly [number, number] | Unknown {
  if (protocol === "all") return [0, 65535];
  const f = num(from);
  const t = num(to);
  if (isUnknown(f)) return f;
  if (isUnknown(t)) return t;
  // -1 as both ends is how "all ports" is usually written (the API's ICMP convention)
  if (f === -1 && t === -1) return [0, 65535];
  return [f ?? 0, t ?? 65535];
}

/** True when a rule opens every port: protocol all, or the whole 0-65535 range. */
export const opensAllPorts = (protocol: string, range: readonly [number, number]): boolean => protocol === "all" || (range[0] <= 0 && range[1] >= 65535);

/** The group a rule resource belongs to (the group itself for aws_security_group). */
export function ownerGroup(resource: Resource, ctx: Context): Resource | Unknown {
  if (resource.type === "aws_security_group") return resource;
  const ref = ctx.resolve(resource.values.security_group_id);
  if (ref?.resource?.type === "aws_security_group") return ref.resource;
  return new Unknown(`security_group_id ${JSON.stringify(resource.values.security_group_id ?? null)} does not reference an aws_security_group in the stack`);
}

/** True when an aws_lb lists the group in security_groups. */
export const isLoadBalancerGroup = (sg: Resource, ctx: Context): boolean =>
  ["aws_lb", "aws_alb"].some((type) => ctx.referencesTo(sg, type).some((lb) => ctx.refersTo(lb.values.security_groups, sg)));

/** True for a literal CIDR open to the whole internet. */
export const isInternet = (network: Value): boolean => typeof network === "string" && INTERNET.has(network);
