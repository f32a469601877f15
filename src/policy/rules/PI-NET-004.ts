import { isUnknown, type Context, type Resource, type Rule, type Value, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { isInternet } from "./lib/network";
import { blocks, str } from "./lib/values";

/** What places an ENI of a private workload in a subnet. */
function workloadsIn(subnet: Resource, ctx: Context): readonly string[] {
  const uses = (type: string, pick: (r: Resource) => readonly Value[]): readonly string[] =>
    ctx
      .resourcesOfType(type)
      .filter((r) => pick(r).some((v) => ctx.refersTo(v, subnet)))
      .map((r) => r.address);
  return [
    ...uses("aws_db_subnet_group", (r) => [r.values.subnet_ids]),
    ...uses("aws_ecs_service", (r) => blocks(r.values.network_configuration).map((n) => n.subnets)),
    ...uses("aws_efs_mount_target", (r) => [r.values.subnet_id]),
    ...uses("aws_lambda_function", (r) => blocks(r.values.vpc_config).map((n) => n.subnet_ids)),
  ];
}

interface Route {
  readonly label: string;
  readonly destination: Value;
  readonly gateway: Value;
  readonly nat: Value;
}

function routesOf(table: Resource, ctx: Context): readonly Route[] {
  const inline = blocks(table.values.route).flatMap((r, i) =>
    [r.cidr_block, r.ipv6_cidr_block].map((destination) => ({ label: `${table.address}.route[${i}]`, destination, gateway: r.gateway_id, nat: r.nat_gateway_id })),
  );
  const separate = ctx
    .resourcesOfType("aws_route")
    .filter((r) => ctx.refersTo(r.values.route_table_id, table))
    .flatMap((r) =>
      [r.values.destination_cidr_block, r.values.destination_ipv6_cidr_block].map((destination) => ({
        label: r.address,
        destination,
        gateway: r.values.gateway_id,
        nat: r.values.nat_gateway_id,
      })),
    );
  return [...inline, ...separate].filter((r) => r.destination != null) as readonly Route[];
}

/** The tables routing the subnet: its associations, else the VPC's declared main table (none declared: AWS's, local only). */
function tablesOf(subnet: Resource, ctx: Context, a: Assessment): readonly Resource[] {
  const associations = ctx.resourcesOfType("aws_route_table_association").filter((x) => ctx.refersTo(x.values.subnet_id, subnet));
  const mains = ctx.resourcesOfType("aws_main_route_table_association").filter((x) => ctx.refersTo(x.values.vpc_id ?? null, ctx.resolve(subnet.values.vpc_id)?.resource ?? subnet));
  const chosen = associations.length ? associations : mains;
  return chosen.flatMap((x) => {
    const table = ctx.resolve(x.values.route_table_id)?.resource;
    if (table?.type === "aws_route_table" || table?.type === "aws_default_route_table") return [table];
    a.unknown(`${x.address}.route_table_id does not resolve to a route table in the stack`);
    return [];
  });
}

/** PrivateSubnetsRouteViaNat: workload subnets have no default route to an internet gateway. */
export const privateSubnetsRouteViaNat: Rule = {
  id: "PI-NET-004",
  title: "Subnets of databases, tasks, mount targets and Lambdas route to the internet only through a NAT gateway",
  severity: "HIGH",
  resourceTypes: ["aws_subnet"],
  relatedTypes: ["aws_route_table", "aws_route", "aws_route_table_association", "aws_internet_gateway", "aws_nat_gateway"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_35"], trivy: [], securityHub: ["RDS.46", "RDS.18", "EFS.6"], cdkNag: [] },
  rationale: "A default route to an internet gateway makes any public address in the subnet reachable from the internet.",
  check(subnet: Resource, ctx: Context): Verdict {
    const users = workloadsIn(subnet, ctx);
    if (users.length === 0) return notApplicable("no database, service, mount target or Lambda uses this subnet");
    const a = new Assessment();
    for (const table of tablesOf(subnet, ctx, a)) {
      for (const route of routesOf(table, ctx).filter((r) => isInternet(r.destination))) {
        const gateway = ctx.resolve(route.gateway)?.resource;
        const nat = ctx.resolve(route.nat)?.resource;
        const literalGateway = str(route.gateway);
        if (gateway?.type === "aws_internet_gateway" || (typeof literalGateway === "string" && literalGateway.startsWith("igw-"))) {
          a.fail(`${route.label}: default route ${String(route.destination)} goes to an internet gateway, expected nat_gateway_id → aws_nat_gateway`);
        } else if (nat?.type !== "aws_nat_gateway") {
          if (isUnknown(str(route.nat)) || isUnknown(literalGateway)) a.unknown(`${route.label}: the default route's target cannot be resolved`);
          else a.fail(`${route.label}: default route ${String(route.destination)} does not go to an aws_nat_gateway`);
        }
      }
    }
    return a.verdict(`no default route to an internet gateway (used by ${users.join(", ")})`);
  },
};
