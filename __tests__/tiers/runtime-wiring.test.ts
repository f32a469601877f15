/**
 * The services' runtime wiring, on the synthesised Terraform JSON: Service Connect timeouts, the start order (proved
 * over the dependency graph), data sources and mail in both the security groups and the network ACLs, embedding and
 * the operators' extra environment.
 */
import { describe, expect, test } from "vitest";
import { designWaivers } from "../../src/config/design-waivers";
import { loadConfig } from "../../src/config/load";
import { dashboardEnvironment, rendererEnvironment, schedulerEnvironment } from "../../src/tiers/compute/environment";
import { policyDocument } from "../support/policy-document";
import { BASE_ENVIRONMENT, EXISTING_NETWORK, blocks, ref, resourcesOf, synthEnvironment, type TerraformJson } from "../support/synth";

const ALL = { pirana: { enabled: true } };

type Graph = Map<string, Set<string>>;

/** address → addresses it depends on: `depends_on` and every `${type.name…}` reference in its body. */
function dependencyGraph(json: TerraformJson): Graph {
  const graph: Graph = new Map();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const edges = new Set<string>((body.depends_on as string[] | undefined) ?? []);
      for (const m of JSON.stringify(body).matchAll(/\$\{(aws_[a-z0-9_]+\.[A-Za-z0-9_]+)/g)) edges.add(m[1]);
      edges.delete(`${type}.${name}`);
      graph.set(`${type}.${name}`, edges);
    }
  }
  return graph;
}

function comesAfter(graph: Graph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const next of graph.get(node) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

const serviceAddress = (json: TerraformJson, name: string) => `aws_ecs_service.${resourcesOf(json, "aws_ecs_service").find(([, s]) => s.name === name)![0]}`;
const groupId = (json: TerraformJson, name: string) =>
  ref("aws_security_group", resourcesOf(json, "aws_security_group").find(([, g]) => g.name === name)![0], "id");
const egressOf = (json: TerraformJson, group: string) =>
  resourcesOf(json, "aws_vpc_security_group_egress_rule")
    .filter(([, r]) => r.security_group_id === groupId(json, group))
    .map(([, r]) => `${r.from_port}:${r.cidr_ipv4 ?? r.prefix_list_id ?? r.referenced_security_group_id}`)
    .sort();
const aclRules = (json: TerraformJson, acl: string, egress: boolean) =>
  resourcesOf(json, "aws_network_acl_rule")
    .filter(([, r]) => r.network_acl_id === ref("aws_network_acl", `network_${acl}_acl_${aclSuffix(json, acl)}`, "id") && r.egress === egress)
    .map(([, r]) => `${r.cidr_block}:${r.from_port}-${r.to_port}`);
const aclSuffix = (json: TerraformJson, acl: string) =>
  Object.keys(json.resource!.aws_network_acl)
    .find((n) => n.startsWith(`network_${acl}_acl_`))!
    .slice(`network_${acl}_acl_`.length);
const envOf = (json: TerraformJson, service: string) => {
  const [, td] = resourcesOf(json, "aws_ecs_task_definition").find(([, t]) => t.family === `pi-test-${service}`)!;
  const [container] = policyDocument(td.container_definitions) as unknown as { environment: { name: string; value: string }[] }[];
  return Object.fromEntries(container.environment.map((e) => [e.name, e.value]));
};

describe("Service Connect timeouts", () => {
  const routes = (json: TerraformJson) =>
    resourcesOf(json, "aws_ecs_service").flatMap(([, s]) =>
      blocks(s.service_connect_configuration).flatMap((c) => blocks(c.service).map((r) => [r.discovery_name, blocks(r.timeout)])),
    );

  test("every route follows the load balancer's idle timeout by default (not Envoy's 15 s)", () => {
    const { json } = synthEnvironment({ compute: ALL });
    const all = routes(json);
    expect(all.map(([name]) => name).sort()).toEqual(["dashboard-internal", "pirana", "renderer", "scheduler"]);
    for (const [name, timeout] of all) expect(timeout, String(name)).toEqual([{ per_request_timeout_seconds: 300, idle_timeout_seconds: 300 }]);
    const { json: longer } = synthEnvironment({ edge: { ...BASE_ENVIRONMENT.edge, idleTimeoutSeconds: 900 } });
    for (const [, timeout] of routes(longer)) expect(timeout).toEqual([{ per_request_timeout_seconds: 900, idle_timeout_seconds: 900 }]);
  });

  test("configured timeouts are used as given", () => {
    const { json } = synthEnvironment({ compute: { serviceConnect: { perRequestTimeoutSeconds: 1800, idleTimeoutSeconds: 600 } } });
    for (const [, timeout] of routes(json)) expect(timeout).toEqual([{ per_request_timeout_seconds: 1800, idle_timeout_seconds: 600 }]);
  });
});

describe("start order over the dependency graph", () => {
  const { json } = synthEnvironment({ compute: ALL });
  const graph = dependencyGraph(json);
  const services = ["dashboard", "scheduler", "renderer", "pirana"];
  const serviceOfGroup = new Map(services.map((s) => [groupId(json, `pi-test-${s}`), s]));
  // The calls between services, read from the security groups: client group → egress → server group.
  const flows = resourcesOf(json, "aws_vpc_security_group_egress_rule")
    .filter(([, r]) => serviceOfGroup.has(r.security_group_id) && serviceOfGroup.has(r.referenced_security_group_id))
    .map(([, r]) => ({ client: serviceOfGroup.get(r.security_group_id)!, server: serviceOfGroup.get(r.referenced_security_group_id)! }));
  const associations = resourcesOf(json, "aws_ssm_association");

  test("the flows are the vendor's: dashboard → renderer/scheduler/pirana, renderer and scheduler → dashboard", () => {
    expect(flows.map((f) => `${f.client}→${f.server}`).sort()).toEqual([
      "dashboard→pirana",
      "dashboard→renderer",
      "dashboard→scheduler",
      "renderer→dashboard",
      "scheduler→dashboard",
    ]);
  });

  test("every client either starts after its server or is redeployed once both exist", () => {
    for (const { client, server } of flows) {
      const clientService = serviceAddress(json, client);
      const serverService = serviceAddress(json, server);
      if (comesAfter(graph, clientService, serverService)) continue;
      const redeploys = associations.filter(([, a]) => a.parameters.Service === client);
      expect(redeploys, `${client} → ${server}: neither ordered nor redeployed`).toHaveLength(1);
      const address = `aws_ssm_association.${redeploys[0][0]}`;
      expect(comesAfter(graph, address, serverService), `${address} after ${server}`).toBe(true);
      expect(comesAfter(graph, address, clientService), `${address} after ${client}`).toBe(true);
    }
  });

  test("servers first (renderer, pirana), the scheduler after the dashboard (upgrade order); no cycle between services", () => {
    for (const server of ["renderer", "pirana"]) {
      expect(comesAfter(graph, serviceAddress(json, "dashboard"), serviceAddress(json, server)), server).toBe(true);
      expect(comesAfter(graph, serviceAddress(json, server), serviceAddress(json, "dashboard")), server).toBe(false);
    }
    expect(comesAfter(graph, serviceAddress(json, "scheduler"), serviceAddress(json, "dashboard"))).toBe(true);
    expect(comesAfter(graph, serviceAddress(json, "dashboard"), serviceAddress(json, "scheduler"))).toBe(false);
  });

  test("every depends_on entry is a bare address (terraform refuses an interpolation there)", () => {
    for (const [type, byName] of Object.entries(json.resource ?? {}))
      for (const [name, body] of Object.entries(byName))
        for (const entry of (body.depends_on as string[] | undefined) ?? []) expect(entry, `${type}.${name}`).toMatch(/^[a-z0-9_]+\.[A-Za-z0-9_]+$/);
  });

  test("the redeploys run the project's runbook, once (no schedule), for the two clients that started before a server", () => {
    // the renderer calls the dashboard back; the dashboard calls the scheduler, which starts after it
    expect(associations.map(([, a]) => a.parameters.Service).sort()).toEqual(["dashboard", "renderer"]);
    const [[documentName]] = resourcesOf(json, "aws_ssm_document");
    const [[roleName]] = resourcesOf(json, "aws_iam_role").filter(([n]) => n.startsWith("compute_redeploy_automation_role"));
    for (const [, a] of associations) {
      expect(a.name).toBe(ref("aws_ssm_document", documentName, "name"));
      expect(a.parameters).toMatchObject({ Cluster: "pi-test", AutomationAssumeRole: ref("aws_iam_role", roleName, "arn") });
      expect(a.schedule_expression).toBeUndefined();
      expect(a.targets).toBeUndefined();
    }
  });

  test("without renderer and scheduler nothing calls back: no redeploy at all", () => {
    const { json: alone } = synthEnvironment({ compute: { renderer: { enabled: false }, scheduler: { enabled: false } } });
    expect(resourcesOf(alone, "aws_ssm_association")).toEqual([]);
  });
});

describe("data sources and mail: security groups and network ACLs together", () => {
  const { json } = synthEnvironment({
    network: { mode: "create", cidr: "10.20.0.0/16", internetEgressPorts: [443, 587] },
    compute: {
      ...ALL,
      dataSources: [
        { name: "warehouse", ports: [5432], cidrs: ["10.50.0.0/16"] },
        { name: "sqlserver", ports: [1433], securityGroupIds: ["sg-0123456789abcdef0"], services: ["dashboard", "scheduler"] },
        { name: "redshift", ports: [5439], prefixListIds: ["pl-0123456789abcdef0"], cidrs: ["52.0.0.0/16"] },
      ],
    },
  });

  test("the dashboard reaches each source on its ports: by CIDR, security group and prefix list", () => {
    expect(egressOf(json, "pi-test-dashboard")).toEqual(
      expect.arrayContaining(["5432:10.50.0.0/16", "1433:sg-0123456789abcdef0", "5439:pl-0123456789abcdef0", "5439:52.0.0.0/16"]),
    );
    expect(egressOf(json, "pi-test-scheduler")).toContain("1433:sg-0123456789abcdef0");
    expect(egressOf(json, "pi-test-scheduler")).not.toContain("5432:10.50.0.0/16");
  });

  test("internetEgressPorts open mail (587) for the dashboard and the scheduler only, in both layers", () => {
    expect(egressOf(json, "pi-test-dashboard")).toContain("587:0.0.0.0/0");
    expect(egressOf(json, "pi-test-scheduler")).toContain("587:0.0.0.0/0");
    for (const other of ["pi-test-renderer", "pi-test-pirana"])
      expect(egressOf(json, other).filter((r) => !r.startsWith("443:") && !r.includes("aws_security_group"))).toEqual([]);
    expect(aclRules(json, "app", true)).toContain("0.0.0.0/0:587-587");
  });

  test("the app ACL lets each CIDR out on its port; an in-VPC group's port opens to the VPC; prefix lists use their CIDRs", () => {
    const app = aclRules(json, "app", true);
    expect(app).toEqual(expect.arrayContaining(["10.50.0.0/16:5432-5432", "10.20.0.0/16:1433-1433", "52.0.0.0/16:5439-5439"]));
    expect(app.filter((r) => r.includes("pl-"))).toEqual([]);
  });

  test("the public ACL carries the NAT'd flows: in from the VPC, out to the destination; not for in-VPC destinations", () => {
    expect(aclRules(json, "public", false)).toEqual(expect.arrayContaining(["10.20.0.0/16:5432-5432", "10.20.0.0/16:5439-5439"]));
    expect(aclRules(json, "public", true)).toEqual(expect.arrayContaining(["10.50.0.0/16:5432-5432", "52.0.0.0/16:5439-5439"]));
    expect(aclRules(json, "public", false)).not.toContain("10.20.0.0/16:1433-1433");
  });

  test("existing rule numbers do not move: the new rules come after the tier's own", () => {
    const { json: plain } = synthEnvironment({ network: { mode: "create", cidr: "10.20.0.0/16", internetEgressPorts: [443, 587] }, compute: ALL });
    for (const [name, rule] of resourcesOf(plain, "aws_network_acl_rule")) expect(json.resource!.aws_network_acl_rule[name], name).toEqual(rule);
  });

  test("smtp: the mail port to the server's CIDR from the dashboard and scheduler, in both layers", () => {
    const { json: mail } = synthEnvironment({
      network: { mode: "create", cidr: "10.20.0.0/16" },
      compute: { smtp: { port: 465, cidrs: ["198.51.100.0/24"] } },
    });
    expect(egressOf(mail, "pi-test-dashboard")).toContain("465:198.51.100.0/24");
    expect(egressOf(mail, "pi-test-scheduler")).toContain("465:198.51.100.0/24");
    expect(egressOf(mail, "pi-test-renderer")).not.toContain("465:198.51.100.0/24");
    expect(aclRules(mail, "app", true)).toContain("198.51.100.0/24:465-465");
    expect(aclRules(mail, "public", true)).toContain("198.51.100.0/24:465-465");
    expect(aclRules(mail, "public", false)).toContain("10.20.0.0/16:465-465");
  });

  test("the policy report waives PI-NET-007 for exactly the declared network egress, rule by rule, naming the setting", () => {
    const { json: mail, config } = synthEnvironment({
      network: { mode: "create", cidr: "10.20.0.0/16", internetEgressPorts: [443, 587] },
      compute: {
        dataSources: [
          { name: "warehouse", ports: [5432], cidrs: ["10.50.0.0/16"] },
          { name: "sqlserver", ports: [1433], securityGroupIds: ["sg-0123456789abcdef0"] },
        ],
      },
    });
    const waived = designWaivers(config).filter((w) => w.rule === "PI-NET-007");
    const declared = resourcesOf(mail, "aws_vpc_security_group_egress_rule")
      .filter(([, r]) => r.cidr_ipv4 !== undefined && r.from_port !== 443)
      .map(([name]) => `aws_vpc_security_group_egress_rule.${name}`);
    expect(declared).toHaveLength(3); // dashboard 5432, dashboard 587, scheduler 587
    expect(waived.map((w) => w.resource).sort()).toEqual(declared.sort());
    expect(waived.map((w) => w.reason).sort()).toEqual([
      "compute.dataSources[0] (warehouse) asks for dashboard egress on 5432",
      "network.internetEgressPorts asks for dashboard egress on 587",
      "network.internetEgressPorts asks for scheduler egress on 587",
    ]);
  });

  test("in an existing VPC only the security groups change (its ACLs are the operator's)", () => {
    const { json: existing } = synthEnvironment({
      network: EXISTING_NETWORK,
      compute: { dataSources: [{ name: "warehouse", ports: [5432], cidrs: ["10.50.0.0/16"] }] },
    });
    expect(egressOf(existing, "pi-test-dashboard")).toContain("5432:10.50.0.0/16");
    expect(resourcesOf(existing, "aws_network_acl_rule")).toEqual([]);
  });
});

describe("embedding and extra environment", () => {
  test("allowed origins: SameSite=None, Secure cookies and frame ancestors; nothing of it without embedding", () => {
    const { json } = synthEnvironment({
      compute: { dashboard: { embedding: { allowedOrigins: ["https://app.example.com", "https://portal.example.com:8443"] } } },
    });
    expect(envOf(json, "dashboard")).toMatchObject({
      PI_TOMCAT_COOKIE_SAMESITE: "None",
      PI_TOMCAT_COOKIE_SECURE: "true",
      PI_TOMCAT_FRAME_ANCESTORS: "'self' https://app.example.com https://portal.example.com:8443",
    });
    const { json: plain } = synthEnvironment();
    expect(envOf(plain, "dashboard").PI_TOMCAT_COOKIE_SAMESITE).toBeUndefined();
    expect(envOf(plain, "dashboard").PI_TOMCAT_FRAME_ANCESTORS).toBeUndefined();
  });

  test("every service takes extra variables (TZ for scheduled reports) beside the tool's own", () => {
    const { json } = synthEnvironment({
      compute: {
        ...ALL,
        scheduler: { environment: { TZ: "Europe/London" } },
        renderer: { environment: { TZ: "Europe/London" } },
        pirana: { enabled: true, environment: { TZ: "UTC" } },
      },
    });
    expect(envOf(json, "scheduler")).toMatchObject({ TZ: "Europe/London", SCHEDULER_DASHBOARD_URL: "http://dashboard-internal:28748/pi" });
    expect(envOf(json, "renderer")).toMatchObject({ TZ: "Europe/London", RENDERER_LOG_LEVELS: "info,error,warn" });
    expect(envOf(json, "pirana")).toEqual({ TZ: "UTC" });
  });
});

describe("the tier's own guard behind preflight", () => {
  const database = { host: "db", port: "3306", schemaName: "dashboard" };
  test("an extra that would replace a tool variable is refused, whoever builds the environment", () => {
    const input = { database, publicHost: "bi.example.com", tomcatMaxMemoryMb: 1024, scheduler: true, renderer: true, pirana: false };
    expect(() => dashboardEnvironment({ ...input, extra: { PI_TOMCAT_MAX_MEMORY: "4096" } })).toThrow(/PI_TOMCAT_MAX_MEMORY are set by the tool/);
    // also a tool variable the current settings leave unset (no embedding: no SameSite), so switching it on cannot clash
    expect(() => dashboardEnvironment({ ...input, extra: { PI_TOMCAT_COOKIE_SAMESITE: "Lax" } })).toThrow(/PI_TOMCAT_COOKIE_SAMESITE/);
    expect(() => schedulerEnvironment(database, { PI_DB_HOST: "elsewhere" })).toThrow(/PI_DB_HOST/);
    expect(() => rendererEnvironment({ RENDERER_LOG_LEVELS: "debug" })).toThrow(/RENDERER_LOG_LEVELS/);
    expect(dashboardEnvironment({ ...input, extra: { TZ: "UTC" } })).toMatchObject({ TZ: "UTC", PI_TOMCAT_MAX_MEMORY: "1024" });
  });
});

describe("preflight warnings", () => {
  const load = (origins: string[], domainName = "bi.example.co.uk") =>
    loadConfig({
      environments: {
        test: {
          ...BASE_ENVIRONMENT,
          edge: { ...BASE_ENVIRONMENT.edge, domainName },
          compute: { images: { public: true }, dashboard: { embedding: { allowedOrigins: origins } } },
        },
      },
    });

  test("an origin of another site is a warning (the synth goes on); same-site origins are not", () => {
    const cross = load(["https://portal.example.co.uk", "https://app.other.com"]);
    expect(cross.ok).toBe(true);
    if (!cross.ok) return;
    expect(cross.warnings.map((w) => w.path)).toEqual(["environments.test.compute.dashboard.embedding.allowedOrigins[1]"]);
    expect(cross.warnings[0].message).toMatch(/not same-site with the dashboard \(bi\.example\.co\.uk, site example\.co\.uk\).*third-party cookies/);
  });

  test("sites follow the public suffix list, private suffixes included (two github.io sites are different sites)", () => {
    const pages = load(["https://team.github.io"], "bi.github.io");
    expect(pages.ok && pages.warnings).toHaveLength(1);
  });
});
