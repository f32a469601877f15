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
  /** An EC2 instance or network interface as the target: a NAT instance. */
  readonly instance?: Value;
}

const routeOf = (label: string, destination: Value | undefined, r: Readonly<Record<string, Value>>): Route => ({
  label,
  destination: destination ?? null,
  gateway: r.gateway_id ?? null,
  nat: r.nat_gateway_id ?? null,
  // A route to a gateway still reports instance_id / network_interface_id as known after apply: not a NAT instance.
  instance:
    [r.instance_id, r.network_interface_id].find((x) => x != null && x !== "" && !(isUnknown(x) && (r.nat_gateway_id != null || r.gateway_id != null))) ?? null,
});

function routesOf(table: Resource, ctx: Context): readonly Route[] {
  const inline = blocks(table.values.route).flatMap((r, i) =>
    [r.cidr_block, r.ipv6_cidr_block].map((destination) => routeOf(`${table.address}.route[${i}]`, destination, r)),
  );
  const separate = ctx
    .resourcesOfType("aws_route")
    .filter((r) => ctx.refersTo(r.values.route_table_id, table))
    .flatMap((r) => ownRoutes(r));
  return [...inline, ...separate].filter((r) => r.destination != null) as readonly Route[];
}

/** The routes an aws_route declares (IPv4 and IPv6 destinations). */
const ownRoutes = (route: Resource): readonly Route[] =>
  [route.values.destination_cidr_block, route.values.destination_ipv6_cidr_block].map((d) => routeOf(route.address, d, route.values));

/**
 * A route table or route on its own: its default route goes to a gateway (NAT, or internet for public tables), never to
 * an EC2 instance or network interface acting as a NAT instance (CKV2_AWS_35). Whether a workload subnet may use an
 * internet gateway is judged on the subnet.
 */
function judgeRouting(resource: Resource): Verdict {
  const routes = (
    resource.type === "aws_route"
      ? ownRoutes(resource)
      : blocks(resource.values.route).flatMap((r, i) => [r.cidr_block, r.ipv6_cidr_block].map((d) => routeOf(`route[${i}]`, d, r)))
  ).filter((r) => r.destination != null && isInternet(r.destination));
  if (routes.length === 0) return notApplicable("no default route");
  const a = new Assessment();
  for (const r of routes.filter((r) => r.instance != null))
    a.fail(`${r.label}: default route ${String(r.destination)} goes to an instance or network interface (a NAT instance), expected an aws_nat_gateway`, [
      "CKV2_AWS_35",
    ]);
  return a.verdict("default route to a gateway");
}

/** The tables routing the subnet: its associations, else the VPC's declared main table (none declared: AWS's, local only). */
function tablesOf(subnet: Resource, ctx: Context, a: Assessment): readonly Resource[] {
  const associations = ctx.resourcesOfType("aws_route_table_association").filter((x) => ctx.refersTo(x.values.subnet_id, subnet));
  const mains = ctx
    .resourcesOfType("aws_main_route_table_association")
    .filter((x) => ctx.refersTo(x.values.vpc_id ?? null, ctx.resolve(subnet.values.vpc_id)?.resource ?? subnet));
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
  resourceTypes: ["aws_subnet", "aws_route_table", "aws_route"],
  relatedTypes: ["aws_route_table_association", "aws_internet_gateway", "aws_nat_gateway"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_35"], trivy: [], securityHub: ["RDS.46", "RDS.18", "EFS.6"], cdkNag: [] },
  rationale: "A default route to an internet gateway makes any public address in the subnet reachable from the internet.",
  check(subnet: Resource, ctx: Context): Verdict {
    if (subnet.type !== "aws_subnet") return judgeRouting(subnet);
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
