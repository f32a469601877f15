import { describe, expect, test } from "vitest";
import { blocks, onlyTier, ref, resourcesOf, synthEnvironment, type TerraformJson, EXISTING_NETWORK } from "../support/synth";

const created = (network: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  onlyTier(synthEnvironment({ network: { mode: "create", ...network }, ...extra }).json, "network");

function subnetsByTier(json: TerraformJson): Record<string, Array<[string, Record<string, any>]>> {
  const byTier: Record<string, Array<[string, Record<string, any>]>> = { public: [], app: [], data: [] };
  for (const [name, subnet] of resourcesOf(json, "aws_subnet")) byTier[subnet.tags.Tier].push([name, subnet]);
  return byTier;
}

describe("Network tier: create mode", () => {
  test("a VPC with DNS and one public, app and data subnet per zone, in distinct zones", () => {
    const json = created({ azCount: 3 });
    const [[, vpc]] = resourcesOf(json, "aws_vpc");
    expect(vpc).toMatchObject({ cidr_block: "10.0.0.0/16", enable_dns_hostnames: true, enable_dns_support: true });
    const tiers = subnetsByTier(json);
    for (const tier of ["public", "app", "data"]) {
      expect(tiers[tier].map(([, s]) => s.availability_zone)).toEqual(["eu-west-2a", "eu-west-2b", "eu-west-2c"]);
    }
    for (const [, subnet] of resourcesOf(json, "aws_subnet")) expect(subnet.map_public_ip_on_launch).toBe(false);
  });

  test("derived subnets take fixed slots per tier, so a third zone keeps the first two CIDRs", () => {
    const cidrs = (json: TerraformJson) =>
      Object.fromEntries(Object.entries(subnetsByTier(json)).map(([tier, list]) => [tier, list.map(([, s]) => s.cidr_block)]));
    const two = cidrs(created({ cidr: "10.8.0.0/16" }));
    const three = cidrs(created({ cidr: "10.8.0.0/16", azCount: 3 }));
    expect(two).toEqual({
      public: ["10.8.0.0/20", "10.8.16.0/20"],
      app: ["10.8.80.0/20", "10.8.96.0/20"],
      data: ["10.8.160.0/20", "10.8.176.0/20"],
    });
    for (const tier of ["public", "app", "data"]) expect(three[tier].slice(0, 2)).toEqual(two[tier]);
  });

  test("explicit subnet CIDRs and zone names are used as given", () => {
    const json = created({
      cidr: "10.1.0.0/16",
      availabilityZones: ["eu-west-2b", "eu-west-2c"],
      subnets: { app: ["10.1.100.0/24", "10.1.101.0/24"] },
    });
    const app = subnetsByTier(json).app.map(([, s]) => [s.availability_zone, s.cidr_block]);
    expect(app).toEqual([
      ["eu-west-2b", "10.1.100.0/24"],
      ["eu-west-2c", "10.1.101.0/24"],
    ]);
  });

  test("public subnets route to the internet gateway", () => {
    const json = created();
    const [[igwName]] = resourcesOf(json, "aws_internet_gateway");
    const publicRoutes = resourcesOf(json, "aws_route").filter(([, r]) => r.gateway_id === ref("aws_internet_gateway", igwName));
    expect(publicRoutes).toHaveLength(1);
    expect(publicRoutes[0][1].destination_cidr_block).toBe("0.0.0.0/0");
  });

  test("single NAT: one gateway and every app route table's default route goes through it", () => {
    const json = created({ azCount: 3, natGateways: "single" });
    const nats = resourcesOf(json, "aws_nat_gateway");
    expect(nats).toHaveLength(1);
    expect(resourcesOf(json, "aws_eip")).toHaveLength(1);
    const natRoutes = resourcesOf(json, "aws_route").filter(([, r]) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    for (const [, route] of natRoutes) expect(route.nat_gateway_id).toBe(ref("aws_nat_gateway", nats[0][0]));
  });

  test("perAz NAT: one gateway per zone, each in its zone's public subnet, serving its own zone", () => {
    const json = created({ azCount: 3, natGateways: "perAz" });
    const nats = resourcesOf(json, "aws_nat_gateway");
    expect(nats).toHaveLength(3);
    const publicSubnets = subnetsByTier(json).public.map(([name]) => ref("aws_subnet", name));
    expect(nats.map(([, n]) => n.subnet_id)).toEqual(publicSubnets);
    const natRoutes = resourcesOf(json, "aws_route").filter(([, r]) => r.nat_gateway_id);
    expect(new Set(natRoutes.map(([, r]) => r.nat_gateway_id)).size).toBe(3);
  });

  test("data subnets share a route table with no route at all: no internet, no NAT", () => {
    const json = created();
    const dataSubnets = subnetsByTier(json).data.map(([name]) => ref("aws_subnet", name));
    const associations = resourcesOf(json, "aws_route_table_association").filter(([, a]) => dataSubnets.includes(a.subnet_id));
    expect(associations).toHaveLength(2);
    const tables = new Set(associations.map(([, a]) => a.route_table_id));
    expect(tables.size).toBe(1);
    const [table] = [...tables];
    expect(resourcesOf(json, "aws_route").filter(([, r]) => r.route_table_id === table)).toEqual([]);
    const [, tableResource] = resourcesOf(json, "aws_route_table").find(([name]) => ref("aws_route_table", name) === table)!;
    expect(blocks(tableResource.route)).toEqual([]);
  });

  test("every subnet is associated with exactly one network ACL", () => {
    const json = created({ azCount: 3 });
    const associated = resourcesOf(json, "aws_network_acl").flatMap(([, acl]) => acl.subnet_ids as string[]);
    const subnets = resourcesOf(json, "aws_subnet").map(([name]) => ref("aws_subnet", name));
    expect([...associated].sort()).toEqual([...subnets].sort());
  });

  test("no NACL rule allows every protocol, and no internet-open inbound range covers 20-22 or 3389", () => {
    const json = created({ internetEgressPorts: [443, 587] });
    const rules = resourcesOf(json, "aws_network_acl_rule").map(([, r]) => r);
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      expect(rule.protocol).toBe("tcp");
      expect(rule.rule_action).toBe("allow");
      if (!rule.egress && rule.cidr_block === "0.0.0.0/0") {
        for (const port of [20, 21, 22, 3389]) {
          expect(port >= rule.from_port && port <= rule.to_port, `rule ${JSON.stringify(rule)} covers ${port}`).toBe(false);
        }
      }
    }
    // The ephemeral range is split around RDP rather than dropped.
    const inboundFromInternet = rules.filter((r) => !r.egress && r.cidr_block === "0.0.0.0/0").map((r) => `${r.from_port}-${r.to_port}`);
    expect(inboundFromInternet).toEqual(expect.arrayContaining(["1024-3388", "3390-65535"]));
    // Extra internet egress ports reach the NACLs.
    expect(rules.some((r) => r.egress && r.cidr_block === "0.0.0.0/0" && r.from_port === 587 && r.to_port === 587)).toBe(true);
  });

  test("rule numbers are unique per ACL and direction", () => {
    const json = created();
    const seen = new Set<string>();
    for (const [, rule] of resourcesOf(json, "aws_network_acl_rule")) {
      const key = `${rule.network_acl_id}/${rule.egress}/${rule.rule_number}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  test("data subnets admit MariaDB only from the app subnets", () => {
    const json = created();
    const [dataAclName] = resourcesOf(json, "aws_network_acl").find(([, acl]) => acl.tags.Name.endsWith("-data"))!;
    const inbound = resourcesOf(json, "aws_network_acl_rule")
      .map(([, r]) => r)
      .filter((r) => r.network_acl_id === ref("aws_network_acl", dataAclName) && !r.egress);
    expect(inbound.map((r) => [r.cidr_block, r.from_port, r.to_port])).toEqual([
      ["10.0.80.0/20", 3306, 3306],
      ["10.0.96.0/20", 3306, 3306],
    ]);
  });

  test("flow logs record ALL traffic into a log group with the lifecycle's retention", () => {
    const protect = created();
    const [[vpcName]] = resourcesOf(protect, "aws_vpc");
    const [[, flowLog]] = resourcesOf(protect, "aws_flow_log");
    const [[logGroupName, logGroup]] = resourcesOf(protect, "aws_cloudwatch_log_group");
    expect(flowLog).toMatchObject({
      vpc_id: ref("aws_vpc", vpcName),
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: ref("aws_cloudwatch_log_group", logGroupName, "arn"),
    });
    expect(logGroup.retention_in_days).toBe(365);
    const ephemeral = created({}, { lifecycle: "ephemeral" });
    expect(resourcesOf(ephemeral, "aws_cloudwatch_log_group")[0][1].retention_in_days).toBe(30);
    const explicit = created({}, { logs: { retentionDays: 90 } });
    expect(resourcesOf(explicit, "aws_cloudwatch_log_group")[0][1].retention_in_days).toBe(90);
  });

  test("the flow-log role can be assumed only by this account's flow-logs service and writes only its log group", () => {
    const json = created();
    const [[, role]] = resourcesOf(json, "aws_iam_role");
    expect(role.assume_role_policy).toContain('"Service" = "vpc-flow-logs.amazonaws.com"');
    expect(role.assume_role_policy).toContain('"aws:SourceAccount" = "123456789012"');
    const [[, policy]] = resourcesOf(json, "aws_iam_role_policy");
    expect(policy.policy).not.toMatch(/"Resource" = "\*"|"logs:\*"/);
    expect(policy.policy).toContain("aws_cloudwatch_log_group.");
  });

  test("flow logs can be switched off", () => {
    const json = created({ flowLogs: { enabled: false } });
    expect(resourcesOf(json, "aws_flow_log")).toEqual([]);
  });

  test("the default security group is taken over and emptied", () => {
    const json = created();
    const [[vpcName]] = resourcesOf(json, "aws_vpc");
    const [[, sg]] = resourcesOf(json, "aws_default_security_group");
    expect(sg).toMatchObject({ vpc_id: ref("aws_vpc", vpcName), ingress: [], egress: [] });
  });

  test("no VPC endpoints unless asked for", () => {
    expect(resourcesOf(created(), "aws_vpc_endpoint")).toEqual([]);
  });

  test("S3 gateway endpoint serves every private route table; interface endpoints sit in the app subnets", () => {
    const json = created({ azCount: 2, endpoints: { s3Gateway: true, interface: ["ecr.api", "logs"] } });
    const endpoints = resourcesOf(json, "aws_vpc_endpoint").map(([, e]) => e);
    const gateway = endpoints.find((e) => e.vpc_endpoint_type === "Gateway")!;
    expect(gateway.service_name).toBe("com.amazonaws.eu-west-2.s3");
    expect(gateway.route_table_ids).toHaveLength(3); // two app tables + the data table
    const interfaces = endpoints.filter((e) => e.vpc_endpoint_type === "Interface");
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(["com.amazonaws.eu-west-2.ecr.api", "com.amazonaws.eu-west-2.logs"]);
    const appSubnets = subnetsByTier(json).app.map(([name]) => ref("aws_subnet", name));
    for (const endpoint of interfaces) {
      expect(endpoint).toMatchObject({ private_dns_enabled: true, subnet_ids: appSubnets });
    }
    // The endpoints admit HTTPS from the endpoint-client group only, never from an address range.
    const groups = resourcesOf(json, "aws_security_group");
    const [clientsName] = groups.find(([, g]) => g.name.endsWith("-endpoint-clients"))!;
    const [endpointsName] = groups.find(([, g]) => g.name.endsWith("-vpc-endpoints"))!;
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule").map(([, r]) => r);
    expect(ingress).toEqual([
      expect.objectContaining({
        security_group_id: ref("aws_security_group", endpointsName),
        referenced_security_group_id: ref("aws_security_group", clientsName),
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
      }),
    ]);
    expect(ingress[0].cidr_ipv4).toBeUndefined();
    for (const endpoint of interfaces) expect(endpoint.security_group_ids).toEqual([ref("aws_security_group", endpointsName)]);
  });
});

describe("Network tier: existing mode", () => {
  const existing = EXISTING_NETWORK;

  test("creates no resource and hands the given ids to the outputs", () => {
    const json = onlyTier(synthEnvironment({ network: existing }).json, "network");
    expect(json.resource ?? {}).toEqual({});
    expect(json.output?.vpc_id.value).toBe("vpc-0123456789abcdef0");
    expect(json.output?.data_subnet_ids.value).toEqual(existing.subnetIds.data);
  });
});
