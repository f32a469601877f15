import { Testing, TerraformStack } from "cdktf";
import { describe, expect, test } from "vitest";
import { APPROVED_TLS_POLICIES } from "../../src/config/schema/edge";
import { PanintelligenceStack } from "../../src/stack";
import { DASHBOARD_HEALTH_CHECK, DASHBOARD_PORT } from "../../src/tiers/edge/dashboard-target-group";
import { Edge } from "../../src/tiers/edge/edge";
import { BASE_ENVIRONMENT, configFor, ref, resourcesOf, synthEnvironment, type TerraformJson, EXISTING_NETWORK, instancesOf } from "../support/synth";

const EDGE = BASE_ENVIRONMENT.edge;
const withEdge = (edge: Record<string, unknown>, extra: Record<string, unknown> = {}) => synthEnvironment({ edge: { ...EDGE, ...edge }, ...extra }).json;

function only(json: TerraformJson, type: string): [string, Record<string, any>] {
  const found = resourcesOf(json, type);
  expect(found, type).toHaveLength(1);
  return found[0];
}

function listener(json: TerraformJson, port: number): [string, Record<string, any>] {
  const found = resourcesOf(json, "aws_lb_listener").filter(([, l]) => l.port === port);
  expect(found).toHaveLength(1);
  return found[0];
}

const existingNetwork = EXISTING_NETWORK;

describe("Edge tier: load balancer", () => {
  test("an internet-facing application load balancer across the public subnets of every zone", () => {
    const json = synthEnvironment({ network: { mode: "create", azCount: 3 } }).json;
    const [, alb] = only(json, "aws_lb");
    const publicSubnets = resourcesOf(json, "aws_subnet")
      .filter(([, s]) => s.tags.Tier === "public")
      .map(([name]) => ref("aws_subnet", name));
    expect(publicSubnets).toHaveLength(3);
    expect(alb).toMatchObject({ load_balancer_type: "application", internal: false, ip_address_type: "ipv4", subnets: publicSubnets });
  });

  test("an existing network: the load balancer uses the given public subnets", () => {
    const [, alb] = only(synthEnvironment({ network: existingNetwork }).json, "aws_lb");
    expect(alb.subnets).toEqual(existingNetwork.subnetIds.public);
  });

  test("internal by config: no public addresses", () => {
    expect(only(withEdge({ scheme: "internal" }), "aws_lb")[1].internal).toBe(true);
  });

  test("drops invalid headers, defensive desync mitigation, HTTP/2", () => {
    const [, alb] = only(withEdge({}), "aws_lb");
    expect(alb).toMatchObject({ drop_invalid_header_fields: true, desync_mitigation_mode: "defensive", enable_http2: true });
  });

  test("idle timeout: 300 s by default (long reports), configurable", () => {
    expect(only(withEdge({}), "aws_lb")[1].idle_timeout).toBe(300);
    expect(only(withEdge({ idleTimeoutSeconds: 1200 }), "aws_lb")[1].idle_timeout).toBe(1200);
  });

  test("deletion protection in protect, not in ephemeral", () => {
    expect(only(withEdge({}), "aws_lb")[1].enable_deletion_protection).toBe(true);
    expect(only(withEdge({}, { lifecycle: "ephemeral" }), "aws_lb")[1].enable_deletion_protection).toBe(false);
  });

  test("dual-stack (existing IPv6 subnets) sets the address type and adds AAAA records", () => {
    const json = withEdge({ ipAddressType: "dualstack" }, { network: existingNetwork });
    expect(only(json, "aws_lb")[1].ip_address_type).toBe("dualstack");
    const aliases = resourcesOf(json, "aws_route53_record").filter(([, r]) => r.alias);
    expect(aliases.map(([, r]) => r.type).sort()).toEqual(["A", "AAAA"]);
  });
});

describe("Edge tier: security group", () => {
  test("80 and 443 in from anywhere, IPv4 and IPv6, and nothing else", () => {
    const json = withEdge({});
    const [sgName] = resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "pi-test-alb")!;
    const rules = instancesOf(json, "aws_vpc_security_group_ingress_rule").filter(([, r]) => r.security_group_id === ref("aws_security_group", sgName));
    const summary = rules.map(([, r]) => `${r.from_port}-${r.to_port} ${r.cidr_ipv4 ?? r.cidr_ipv6}`).sort();
    expect(summary).toEqual(["443-443 0.0.0.0/0", "443-443 ::/0", "80-80 0.0.0.0/0", "80-80 ::/0"]);
    for (const [, rule] of rules)
      expect(rule).toMatchObject({ ip_protocol: "tcp", description: expect.stringMatching(/^HTTPS? .*from (0\.0\.0\.0\/0|::\/0)$/) });
    // one rule block per port and family, each instance keyed by its range: editing one range never replaces another
    expect(rules.map(([address]) => address)).toContain(
      `aws_vpc_security_group_ingress_rule.${resourcesOf(json, "aws_vpc_security_group_ingress_rule").find(([n]) => n.includes("in_443_ipv4"))![0]}["0.0.0.0/0"]`,
    );
  });

  test("the configured ranges only", () => {
    const json = withEdge({ ingressCidrs: { ipv4: ["203.0.113.0/24", "198.51.100.0/24"], ipv6: [] } });
    const cidrs = instancesOf(json, "aws_vpc_security_group_ingress_rule")
      .filter(([address, r]) => address.includes(".edge_") && (r.cidr_ipv4 ?? r.cidr_ipv6) !== undefined)
      .map(([, r]) => `${r.from_port} ${r.cidr_ipv4 ?? r.cidr_ipv6}`)
      .sort();
    expect(cidrs).toEqual(["443 198.51.100.0/24", "443 203.0.113.0/24", "80 198.51.100.0/24", "80 203.0.113.0/24"]);
  });

  test("egress only to registered services (the compute tier's dashboard), by group; the load balancer uses only its own group", () => {
    const json = withEdge({});
    const dashboardGroup = ref("aws_security_group", resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "pi-test-dashboard")![0]);
    expect(
      resourcesOf(json, "aws_vpc_security_group_egress_rule")
        .filter(([name]) => name.startsWith("edge_"))
        .map(([, r]) => [r.from_port, r.referenced_security_group_id, r.cidr_ipv4]),
    ).toEqual([[8224, dashboardGroup, undefined]]);
    const albGroup = resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "pi-test-alb")!;
    expect(albGroup[1].egress).toBeUndefined();
    expect(only(json, "aws_lb")[1].security_groups).toEqual([ref("aws_security_group", albGroup[0])]);
  });

  test("allowToService opens the load balancer's egress and the service's ingress, by security group, on the port", () => {
    const config = configFor({ edge: EDGE });
    const stack = new PanintelligenceStack(Testing.app(), config.name, { config });
    const edge = stack.tiers.get("edge") as Edge;
    edge.allowToService("sg-0123456789abcdef0", DASHBOARD_PORT, "dashboard HTTP 8224");
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    const albGroup = ref("aws_security_group", resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "pi-test-alb")![0]);
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule").filter(
      ([, r]) => r.security_group_id === albGroup && r.referenced_security_group_id === "sg-0123456789abcdef0",
    );
    expect(egress.map(([, r]) => r)).toEqual([
      expect.objectContaining({ referenced_security_group_id: "sg-0123456789abcdef0", ip_protocol: "tcp", from_port: 8224, to_port: 8224 }),
    ]);
    expect(egress[0][1]).not.toHaveProperty("cidr_ipv4");
    const serviceIngress = resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter(([, r]) => r.security_group_id === "sg-0123456789abcdef0");
    expect(serviceIngress.map(([, r]) => r)).toEqual([
      expect.objectContaining({ referenced_security_group_id: albGroup, ip_protocol: "tcp", from_port: 8224, to_port: 8224 }),
    ]);
    expect(() => edge.allowToService("sg-0123456789abcdef0", 8224, "dashboard HTTP 8224")).toThrow(/already allowed/);
    expect(() => edge.allowToService("sg-0123456789abcdef0", 70000, "bad port")).toThrow(/not a TCP port/);
  });
});

describe("Edge tier: listeners", () => {
  test("HTTPS on 443 with the approved TLS policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06 by default", () => {
    const [, https] = listener(withEdge({}), 443);
    expect(https).toMatchObject({ protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" });
  });

  test.each(APPROVED_TLS_POLICIES)("config may choose the approved policy %s", (policy) => {
    expect(listener(withEdge({ tlsPolicy: policy }), 443)[1].ssl_policy).toBe(policy);
  });

  test("HTTP on 80 only redirects to HTTPS 443 with a 301", () => {
    const [, http] = listener(withEdge({}), 80);
    expect(http.protocol).toBe("HTTP");
    expect(http.default_action).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }]);
  });

  test("unmatched hosts get a fixed 404 on HTTPS, never the dashboard", () => {
    const [, https] = listener(withEdge({}), 443);
    expect(https.default_action).toEqual([
      { type: "fixed-response", fixed_response: { content_type: "text/plain", message_body: "Not found", status_code: "404" } },
    ]);
  });

  test("a host-header rule forwards the domain (and alternative names) to the dashboard target group", () => {
    const json = withEdge({ subjectAlternativeNames: ["reports.example.com", "*.bi.example.com"] });
    const [httpsName] = listener(json, 443);
    const [tgName] = only(json, "aws_lb_target_group");
    const [, rule] = only(json, "aws_lb_listener_rule");
    expect(rule).toMatchObject({
      listener_arn: ref("aws_lb_listener", httpsName, "arn"),
      priority: 100,
      condition: [{ host_header: { values: ["bi.example.com", "reports.example.com", "*.bi.example.com"] } }],
      action: [{ type: "forward", target_group_arn: ref("aws_lb_target_group", tgName, "arn") }],
    });
  });
});

describe("Edge tier: dashboard target group", () => {
  test("IP targets over HTTP on the dashboard port 8224", () => {
    const [, tg] = only(withEdge({}), "aws_lb_target_group");
    expect(tg).toMatchObject({ target_type: "ip", protocol: "HTTP", port: 8224, name: "pi-test-dash" });
  });

  test("health check GET /pi/version expecting 200, tuned for Tomcat", () => {
    const [, tg] = only(withEdge({}), "aws_lb_target_group");
    expect(tg.health_check).toEqual({
      enabled: true,
      protocol: "HTTP",
      port: "traffic-port",
      path: "/pi/version",
      matcher: "200",
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
    expect(tg.health_check.timeout).toBeLessThan(tg.health_check.interval);
  });

  test("deregistration delay and slow start", () => {
    const [, tg] = only(withEdge({}), "aws_lb_target_group");
    expect(tg).toMatchObject({
      deregistration_delay: String(DASHBOARD_HEALTH_CHECK.deregistrationDelaySeconds),
      slow_start: DASHBOARD_HEALTH_CHECK.slowStartSeconds,
    });
    expect(Number(tg.deregistration_delay)).toBeLessThanOrEqual(300);
  });
});

describe("Edge tier: stickiness", () => {
  test("lb_cookie stickiness on by default for a day", () => {
    expect(only(withEdge({}), "aws_lb_target_group")[1].stickiness).toEqual({ type: "lb_cookie", enabled: true, cookie_duration: 86400 });
  });

  test("config can switch it off and set the cookie lifetime", () => {
    expect(only(withEdge({ stickiness: { enabled: false, durationSeconds: 600 } }), "aws_lb_target_group")[1].stickiness).toEqual({
      type: "lb_cookie",
      enabled: false,
      cookie_duration: 600,
    });
  });

  test("the compute tier's hook enableStickiness forces it on over the config", () => {
    const config = configFor({ edge: { ...EDGE, stickiness: { enabled: false, durationSeconds: 600 } } });
    const stack = new PanintelligenceStack(Testing.app(), config.name, { config });
    (stack.tiers.get("edge") as Edge).enableStickiness();
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    expect(only(json, "aws_lb_target_group")[1].stickiness).toEqual({ type: "lb_cookie", enabled: true, cookie_duration: 600 });
  });

  test("the stack can override the config through the `stickiness` prop", () => {
    const config = configFor({ edge: { ...EDGE, stickiness: { enabled: false } } });
    const stack = new TerraformStack(Testing.app(), "edge-only");
    new Edge(stack, "edge", {
      prefix: config.prefix,
      region: config.region,
      accountId: config.accountId,
      lifecycle: config.lifecycle,
      vpcId: "vpc-0123456789abcdef0",
      publicSubnetIds: existingNetwork.subnetIds.public,
      edge: config.edge,
      logRetentionDays: 30,
      alarmTopicArn: "arn:aws:sns:eu-west-2:123456789012:alarms",
      alarmThresholds: config.alarms.alb,
      stickiness: true,
    });
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    expect(only(json, "aws_lb_target_group")[1].stickiness.enabled).toBe(true);
  });
});

describe("Edge tier: certificate and DNS", () => {
  test("an ACM certificate for the domain and alternative names, DNS-validated, replaced before it is destroyed", () => {
    const json = withEdge({ subjectAlternativeNames: ["reports.example.com"] });
    const [, certificate] = only(json, "aws_acm_certificate");
    expect(certificate).toMatchObject({
      domain_name: "bi.example.com",
      subject_alternative_names: ["reports.example.com"],
      validation_method: "DNS",
      key_algorithm: "RSA_2048",
      options: { certificate_transparency_logging_preference: "ENABLED" },
      lifecycle: { create_before_destroy: true },
    });
  });

  test("validation records in the configured zone, one per name, and a validation the HTTPS listener waits for", () => {
    const json = withEdge({});
    const [certName] = only(json, "aws_acm_certificate");
    const records = resourcesOf(json, "aws_route53_record").filter(([, r]) => r.for_each);
    expect(records).toHaveLength(1);
    const [recordName, record] = records[0];
    expect(record.for_each).toContain(`aws_acm_certificate.${certName}.domain_validation_options`);
    expect(record).toMatchObject({ zone_id: EDGE.hostedZoneId, type: "CNAME", allow_overwrite: true, ttl: 60 });
    expect(record.name).toBe("${each.value.resource_record_name}");
    const [validationName, validation] = only(json, "aws_acm_certificate_validation");
    expect(validation.certificate_arn).toBe(ref("aws_acm_certificate", certName, "arn"));
    expect(validation.validation_record_fqdns).toContain(`aws_route53_record.${recordName}`);
    const [, https] = listener(json, 443);
    expect(https.certificate_arn).toBe(ref("aws_acm_certificate", certName, "arn"));
    expect(https.depends_on).toContain(`aws_acm_certificate_validation.${validationName}`);
  });

  test("bring your own certificate: the listener uses it and no ACM resource or validation record exists", () => {
    const arn = "arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const json = withEdge({ certificateArn: arn });
    expect(Object.keys(json.resource ?? {}).filter((type) => type.startsWith("aws_acm_"))).toEqual([]);
    expect(resourcesOf(json, "aws_route53_record").filter(([, r]) => r.for_each)).toEqual([]);
    const [, https] = listener(json, 443);
    expect(https.certificate_arn).toBe(arn);
    expect(https.depends_on).toBeUndefined();
    expect(json.output?.certificate_arn.value).toBe(arn);
  });

  test("alias A records to the load balancer with target-health evaluation, for the domain and non-wildcard names", () => {
    const json = withEdge({ subjectAlternativeNames: ["reports.example.com", "*.bi.example.com"] });
    const [albName] = only(json, "aws_lb");
    const aliases = resourcesOf(json, "aws_route53_record").filter(([, r]) => r.alias);
    expect(aliases.map(([, r]) => [r.name, r.type]).sort()).toEqual([
      ["bi.example.com", "A"],
      ["reports.example.com", "A"],
    ]);
    for (const [, record] of aliases) {
      expect(record).toMatchObject({
        zone_id: EDGE.hostedZoneId,
        alias: { name: ref("aws_lb", albName, "dns_name"), zone_id: ref("aws_lb", albName, "zone_id"), evaluate_target_health: true },
      });
      expect(record.records).toBeUndefined();
    }
  });
});

describe("Edge tier: outputs", () => {
  test("dashboard URL, load balancer DNS name, certificate, alarm topic and log bucket, each described", () => {
    const json = withEdge({});
    const outputs = json.output ?? {};
    expect(outputs.dashboard_url.value).toBe("https://bi.example.com/pi");
    const [albName] = only(json, "aws_lb");
    expect(outputs.alb_dns_name.value).toBe(ref("aws_lb", albName, "dns_name"));
    expect(outputs.certificate_arn.value).toBe(ref("aws_acm_certificate", only(json, "aws_acm_certificate")[0], "arn"));
    expect(outputs.alarm_topic_arn.value).toBe(ref("aws_sns_topic", only(json, "aws_sns_topic")[0], "arn"));
    const logBucket = resourcesOf(json, "aws_s3_bucket").find(([name]) => name.startsWith("edge_"))!;
    expect(outputs.access_log_bucket.value).toBe(ref("aws_s3_bucket", logBucket[0]));
    for (const name of ["dashboard_url", "alb_dns_name", "certificate_arn", "alarm_topic_arn", "access_log_bucket"]) {
      expect(outputs[name].description, name).toMatch(/\w{3,}/);
    }
  });

  test("the edge and alarms tiers are registered for the synth summary", () => {
    const config = configFor({ edge: EDGE });
    const stack = new PanintelligenceStack(Testing.app(), config.name, { config });
    expect([...stack.tiers.keys()]).toEqual(expect.arrayContaining(["alarms", "edge"]));
    const edge = stack.tiers.get("edge") as Edge;
    expect(edge.dashboardPort).toBe(8224);
  });
});
