/**
 * Bad input: each config must stop the synth with exit code 2, name the field (path) in the message, and leave an
 * existing cdktf.out exactly as it was.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { run } from "../../src/app/run";
import { hashTree } from "../support/tree";

const base = {
  region: "eu-west-2",
  accountId: "123456789012",
  edge: { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00" },
};
const edge = (settings: Record<string, unknown>) => env({ edge: { ...base.edge, ...settings } });
const env = (settings: Record<string, unknown>) => ({ environments: { production: { ...base, ...settings } } });
const network = (settings: Record<string, unknown>) => env({ network: { mode: "create", ...settings } });
const existing = (settings: Record<string, unknown>) =>
  env({
    network: {
      mode: "existing",
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: {
        public: ["subnet-00000000000000a01", "subnet-00000000000000a02"],
        app: ["subnet-00000000000000b01", "subnet-00000000000000b02"],
        data: ["subnet-00000000000000c01", "subnet-00000000000000c02"],
      },
      ...settings,
    },
  });

interface BadConfig {
  readonly name: string;
  /** The document, or raw file text. */
  readonly config: unknown;
  /** The field path the message must name. */
  readonly path: string;
  /** A fragment of the explanation. */
  readonly says: RegExp;
  /** What the whole message must not contain (beyond the stack traces and zod wording no case may show). */
  readonly not?: RegExp;
  /** Prepares an unusual input at `file` (a FIFO, a directory…) and returns the path to pass to --config. */
  readonly setup?: (file: string) => string;
}

const compute = (settings: Record<string, unknown>) => env({ compute: settings });
const officeHours = (settings: Record<string, unknown>) =>
  compute({ dashboard: { scaling: { officeHours: { min: 1, max: 1, timezone: "Europe/London", ...settings } } } });
const secretEnv = (name: string, value: string) => compute({ dashboard: { environment: { [name]: value } } });
/** Two environments, production and staging, each with its own domain unless overridden. */
const two = (production: Record<string, unknown>, staging: Record<string, unknown>) => ({
  environments: {
    production: { ...base, ...production },
    staging: { ...base, edge: { ...base.edge, domainName: "staging.example.com" }, ...staging },
  },
});
const WAIVER = { rule: "PI-NET-005", reason: "a reason that is long enough to pass" };
/** The minimal valid file as YAML text, for cases the YAML writer cannot produce. */
const BASE_YAML = [
  "environments:",
  "  production:",
  "    region: eu-west-2",
  '    accountId: "123456789012"',
  "    edge:",
  "      domainName: bi.example.com",
  "      hostedZoneId: Z0123456789EXAMPLE00",
  "",
].join("\n");
/** Nine levels of nine aliases each: 9^9 nodes once expanded. */
const ALIAS_BOMB = [
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ...Array.from({ length: 8 }, (_, i) => {
    const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`;
  }),
  "environments: { production: *i }",
  "",
].join("\n");
/** `levels` nested mappings `a:`, indented from `indent` spaces. */
function deepYaml(levels: number, indent: number): string {
  return Array.from({ length: levels }, (_, i) => `${" ".repeat(indent + 2 * i)}a:${i === levels - 1 ? " x" : ""}\n`).join("");
}
const P = "environments.production";
const cases: BadConfig[] = [
  { name: "missing region", config: { environments: { production: { accountId: "123456789012" } } }, path: `${P}.region`, says: /is required/ },
  { name: "malformed region", config: env({ region: "europe" }), path: `${P}.region`, says: /AWS region code/ },
  {
    name: "account id as a number",
    config: env({ accountId: 123456789012 }),
    path: `${P}.accountId`,
    says: /must be quoted: YAML read it as the number 123456789012/,
  },
  { name: "account id too short", config: env({ accountId: "12345" }), path: `${P}.accountId`, says: /12-digit/ },
  { name: "unknown lifecycle", config: env({ lifecycle: "keep" }), path: `${P}.lifecycle`, says: /"protect"\|"ephemeral"/ },
  { name: "misspelt setting", config: env({ netwrok: {} }), path: `${P}.netwrok`, says: /not a known setting/ },
  { name: "CIDR prefix out of range", config: network({ cidr: "10.0.0.0/33" }), path: `${P}.network.cidr`, says: /IPv4 CIDR/ },
  { name: "CIDR with host bits", config: network({ cidr: "10.0.0.1/16" }), path: `${P}.network.cidr`, says: /no host bits/ },
  { name: "VPC too large", config: network({ cidr: "10.0.0.0/8" }), path: `${P}.network.cidr`, says: /between \/16 and \/24/ },
  { name: "a single zone", config: network({ azCount: 1 }), path: `${P}.network.azCount`, says: /at least 2/ },
  {
    name: "zone from another region",
    config: network({ availabilityZones: ["eu-west-2a", "us-east-1b"] }),
    path: `${P}.network.availabilityZones[1]`,
    says: /zone of region eu-west-2/,
  },
  {
    name: "zone listed twice",
    config: network({ availabilityZones: ["eu-west-2a", "eu-west-2a"] }),
    path: `${P}.network.availabilityZones[1]`,
    says: /listed twice/,
  },
  {
    name: "fewer subnets than zones",
    config: network({ azCount: 3, subnets: { app: ["10.0.100.0/24", "10.0.101.0/24"] } }),
    path: `${P}.network.subnets.app`,
    says: /one per zone/,
  },
  {
    name: "subnet outside the VPC",
    config: network({ subnets: { public: ["10.9.0.0/24", "10.0.1.0/24"] } }),
    path: `${P}.network.subnets.public[0]`,
    says: /inside the VPC CIDR 10\.0\.0\.0\/16/,
  },
  {
    name: "overlapping subnets",
    config: network({ subnets: { public: ["10.0.0.0/24", "10.0.1.0/24"], data: ["10.0.1.0/25", "10.0.2.0/24"] } }),
    path: `${P}.network.subnets.data[0]`,
    says: /overlaps environments.production.network.subnets.public\[1\]|overlaps network.subnets.public\[1\]/,
  },
  {
    name: "subnets too small to derive",
    config: network({ cidr: "10.0.0.0/24", subnetNewBits: 6 }),
    path: `${P}.network.subnetNewBits`,
    says: /\/28 AWS minimum/,
  },
  { name: "unknown NAT layout", config: network({ natGateways: "three" }), path: `${P}.network.natGateways`, says: /"single"\|"perAz"/ },
  {
    name: "unknown interface endpoint",
    config: network({ endpoints: { interface: ["ec2"] } }),
    path: `${P}.network.endpoints.interface[0]`,
    says: /ecr\.api/,
  },
  { name: "existing VPC id malformed", config: existing({ vpcId: "vpc-xyz" }), path: `${P}.network.vpcId`, says: /VPC id/ },
  {
    name: "existing VPC with one app subnet",
    config: existing({
      subnetIds: {
        public: ["subnet-00000000000000a01", "subnet-00000000000000a02"],
        app: ["subnet-00000000000000b01"],
        data: ["subnet-00000000000000c01", "subnet-00000000000000c02"],
      },
    }),
    path: `${P}.network.subnetIds.app`,
    says: /at least 2 subnets/,
  },
  {
    name: "existing subnet in two tiers",
    config: existing({
      subnetIds: {
        public: ["subnet-00000000000000a01", "subnet-00000000000000a02"],
        app: ["subnet-00000000000000b01", "subnet-00000000000000b02"],
        data: ["subnet-00000000000000a01", "subnet-00000000000000c02"],
      },
    }),
    path: `${P}.network.subnetIds.data[0]`,
    says: /repeats network.subnetIds.public\[0\]/,
  },
  {
    name: "log retention CloudWatch does not offer",
    config: env({ logs: { retentionDays: 10 } }),
    path: `${P}.logs.retentionDays`,
    says: /retention values: 1, 3, 5/,
  },
  { name: "S3 state without bucket", config: env({ state: { backend: "s3" } }), path: `${P}.state.bucket`, says: /is required/ },
  { name: "unknown state backend", config: env({ state: { backend: "gcs" } }), path: `${P}.state.backend`, says: /"local"\|"s3"|Invalid/ },
  { name: "upper-case project", config: { project: "PI", ...env({}) }, path: "project", says: /a-z, 0-9/ },
  {
    name: "prefix too long for AWS names",
    config: { project: "panintellig", environments: { "production-eu-1": base } },
    path: "environments.production-eu-1",
    says: /at most 24/,
  },
  { name: "no environments", config: { environments: {} }, path: "environments", says: /at least one environment/ },
  {
    name: "waiver without a reason",
    config: env({ policy: { waivers: [{ rule: "PI-NET-005" }] } }),
    path: `${P}.policy.waivers[0].reason`,
    says: /needs a reason/,
  },
  {
    name: "bad value in shared defaults",
    config: { defaults: { region: "mars-1" }, environments: { production: { accountId: "123456789012" } } },
    path: "defaults.region",
    says: /AWS region code/,
  },
  { name: "reserved tag key", config: env({ tags: { "aws:owner": "me" } }), path: `${P}.tags."aws:owner"`, says: /reserved/ },
  { name: "seed folder missing", config: env({ initialiser: { seedDir: "no-such-seed" } }), path: `${P}.initialiser.seedDir`, says: /does not exist/ },
  {
    name: "initialiser timeout too short",
    config: env({ initialiser: { timeoutSeconds: 5 } }),
    path: `${P}.initialiser.timeoutSeconds`,
    says: /at least 30 seconds/,
  },
  {
    name: "uploads into keys/",
    config: env({ uploads: { allowedPrefixes: ["images", "keys"] } }),
    path: `${P}.uploads.allowedPrefixes[1]`,
    says: /keys is never an upload prefix/,
  },
  {
    name: "waiver of an unknown rule",
    config: env({ policy: { waivers: [{ rule: "PI-NET-999", reason: "a reason that is long enough" }] } }),
    path: `${P}.policy.waivers[0].rule`,
    says: /names no rule/,
  },
  // Compute tier.
  {
    name: "dashboard memory not valid for its CPU",
    config: compute({ dashboard: { cpu: 1024, memoryMib: 1536 } }),
    path: `${P}.compute.dashboard.memoryMib`,
    says: /valid memory for cpu 1024: 2048, 3072, 4096, 5120, 6144, 7168, 8192/,
  },
  {
    name: "scheduler memory too large for 256 CPU",
    config: compute({ scheduler: { cpu: 256, memoryMib: 4096 } }),
    path: `${P}.compute.scheduler.memoryMib`,
    says: /valid memory for cpu 256: 512, 1024, 2048/,
  },
  {
    name: "CPU not a Fargate value",
    config: compute({ renderer: { cpu: 1000 } }),
    path: `${P}.compute.renderer.cpu`,
    says: /256, 512, 1024, 2048, 4096, 8192, 16384/,
  },
  {
    name: "dashboard too small for Tomcat",
    config: compute({ dashboard: { cpu: 512, memoryMib: 1024 } }),
    path: `${P}.compute.dashboard.memoryMib`,
    says: /at least 2048 MiB/,
  },
  {
    name: "heap larger than the task",
    config: compute({ dashboard: { tomcatMaxMemoryMb: 2000 } }),
    path: `${P}.compute.dashboard.tomcatMaxMemoryMb`,
    says: /at most 1536/,
  },
  {
    name: "stickiness off with more than one dashboard task",
    config: env({ edge: { ...base.edge, stickiness: { enabled: false } }, compute: { dashboard: { scaling: { min: 2, max: 4 } } } }),
    path: `${P}.edge.stickiness.enabled`,
    says: /Tomcat keeps sessions in memory/,
  },
  {
    name: "stickiness off with office hours above one task",
    config: env({
      edge: { ...base.edge, stickiness: { enabled: false } },
      compute: { dashboard: { scaling: { officeHours: { min: 1, max: 3 } } } },
    }),
    path: `${P}.edge.stickiness.enabled`,
    says: /may run 3 tasks/,
  },
  {
    name: "scaling min above max",
    config: compute({ dashboard: { scaling: { min: 3, max: 2 } } }),
    path: `${P}.compute.dashboard.scaling.min`,
    says: /min ≤ max/,
  },
  {
    name: "renderer scaling min above max",
    config: compute({ renderer: { scaling: { min: 2, max: 1 } } }),
    path: `${P}.compute.renderer.scaling.min`,
    says: /min ≤ max/,
  },
  {
    name: "CPU target of 100 %",
    config: compute({ dashboard: { scaling: { cpuTargetPercent: 100 } } }),
    path: `${P}.compute.dashboard.scaling.cpuTargetPercent`,
    says: /95/,
  },
  {
    name: "password in the dashboard environment",
    config: compute({ dashboard: { environment: { PI_DB_PASSWORD: "hunter2" } } }),
    path: `${P}.compute.dashboard.environment.PI_DB_PASSWORD`,
    says: /looks like a secret/,
  },
  {
    name: "licence in the dashboard environment",
    config: compute({ dashboard: { environment: { PI_LICENCE: "<Licence/>" } } }),
    path: `${P}.compute.dashboard.environment.PI_LICENCE`,
    says: /compute\.licenceSecretArn/,
  },
  // Runtime wiring: Service Connect timeouts, extra environment, embedding, data sources, mail, uploads.
  {
    name: "Service Connect request timeout below the load balancer's",
    config: compute({ serviceConnect: { perRequestTimeoutSeconds: 60 } }),
    path: `${P}.compute.serviceConnect.perRequestTimeoutSeconds`,
    says: /shorter than the load balancer's idle timeout \(edge.idleTimeoutSeconds: 300\).*at least 300/,
  },
  {
    name: "Service Connect idle timeout below a raised load-balancer timeout",
    config: env({ edge: { ...base.edge, idleTimeoutSeconds: 900 }, compute: { serviceConnect: { idleTimeoutSeconds: 600 } } }),
    path: `${P}.compute.serviceConnect.idleTimeoutSeconds`,
    says: /at least 900/,
  },
  {
    name: "Service Connect timeout of zero",
    config: compute({ serviceConnect: { idleTimeoutSeconds: 0 } }),
    path: `${P}.compute.serviceConnect.idleTimeoutSeconds`,
    says: /must be at least 1/,
  },
  {
    name: "heap overridden through the extra environment",
    config: compute({ dashboard: { environment: { PI_TOMCAT_MAX_MEMORY: "4096" } } }),
    path: `${P}.compute.dashboard.environment.PI_TOMCAT_MAX_MEMORY`,
    says: /set by the tool itself \(from compute\.dashboard\.tomcatMaxMemoryMb\)/,
  },
  {
    name: "SameSite set by hand instead of embedding",
    config: compute({ dashboard: { environment: { PI_TOMCAT_COOKIE_SAMESITE: "none" } } }),
    path: `${P}.compute.dashboard.environment.PI_TOMCAT_COOKIE_SAMESITE`,
    says: /compute\.dashboard\.embedding/,
  },
  {
    name: "scheduler callback overridden",
    config: compute({ scheduler: { environment: { SCHEDULER_DASHBOARD_URL: "http://elsewhere/pi" } } }),
    path: `${P}.compute.scheduler.environment.SCHEDULER_DASHBOARD_URL`,
    says: /set by the tool itself/,
  },
  {
    name: "SMTP password in the scheduler environment",
    config: compute({ scheduler: { environment: { SMTP_PASS: "hunter2" } } }),
    path: `${P}.compute.scheduler.environment.SMTP_PASS`,
    says: /looks like a secret/,
  },
  {
    name: "credentials in a URL in the renderer environment",
    config: compute({ renderer: { environment: { WEBHOOK_URL: "https://bot:s3cr3t@hooks.example.com/x" } } }),
    path: `${P}.compute.renderer.environment.WEBHOOK_URL`,
    says: /holds a password in a URL/,
  },
  {
    name: "token-shaped value in the pirana environment",
    config: compute({ pirana: { enabled: true, environment: { GH: "ghp_0123456789abcdefghijABCDEFGHIJ0123456789" } } }),
    path: `${P}.compute.pirana.environment.GH`,
    says: /holds a GitHub token/,
  },
  {
    name: "embedding origin over plain http",
    config: compute({ dashboard: { embedding: { allowedOrigins: ["http://app.example.com"] } } }),
    path: `${P}.compute.dashboard.embedding.allowedOrigins[0]`,
    says: /https origin/,
  },
  {
    name: "embedding origin with a path",
    config: compute({ dashboard: { embedding: { allowedOrigins: ["https://app.example.com/embed"] } } }),
    path: `${P}.compute.dashboard.embedding.allowedOrigins[0]`,
    says: /no path/,
  },
  {
    name: "embedding without origins",
    config: compute({ dashboard: { embedding: { allowedOrigins: [] } } }),
    path: `${P}.compute.dashboard.embedding.allowedOrigins`,
    says: /at least one origin/,
  },
  {
    name: "data source without destination",
    config: compute({ dataSources: [{ name: "warehouse", ports: [5432] }] }),
    path: `${P}.compute.dataSources[0]`,
    says: /at least one destination/,
  },
  {
    name: "data source CIDR malformed",
    config: compute({ dataSources: [{ name: "warehouse", ports: [5432], cidrs: ["10.50.0.0/33"] }] }),
    path: `${P}.compute.dataSources[0].cidrs[0]`,
    says: /IPv4 CIDR/,
  },
  {
    name: "data source port out of range",
    config: compute({ dataSources: [{ name: "warehouse", ports: [70000], cidrs: ["10.50.0.0/16"] }] }),
    path: `${P}.compute.dataSources[0].ports[0]`,
    says: /65535/,
  },
  {
    name: "data source by prefix list only in a created VPC",
    config: compute({ dataSources: [{ name: "redshift", ports: [5439], prefixListIds: ["pl-0123456789abcdef0"] }] }),
    path: `${P}.compute.dataSources[0].cidrs`,
    says: /network ACLs cannot refer to prefix lists/,
  },
  {
    name: "data source queried by a service that does not run",
    config: compute({ dataSources: [{ name: "warehouse", ports: [5432], cidrs: ["10.50.0.0/16"], services: ["pirana"] }] }),
    path: `${P}.compute.dataSources[0].services[0]`,
    says: /not enabled \(compute\.pirana\.enabled\)/,
  },
  {
    name: "two data sources of one name",
    config: compute({
      dataSources: [
        { name: "dw", ports: [5432], cidrs: ["10.50.0.0/16"] },
        { name: "dw", ports: [1433], cidrs: ["10.60.0.0/16"] },
      ],
    }),
    path: `${P}.compute.dataSources[1].name`,
    says: /unique/,
  },
  { name: "SMTP without any server range", config: compute({ smtp: { cidrs: [] } }), path: `${P}.compute.smtp.cidrs`, says: /must have at least 1 entry/ },
  {
    name: "excel-data upload prefix (nothing reads it)",
    config: env({ uploads: { allowedPrefixes: ["images", "excel-data"] } }),
    path: `${P}.uploads.allowedPrefixes[1]`,
    says: /nothing reads it/,
  },
  {
    name: "licence secret not an ARN",
    config: compute({ licenceSecretArn: "pi/licence" }),
    path: `${P}.compute.licenceSecretArn`,
    says: /Secrets Manager secret ARN/,
  },
  { name: "image tag with a colon", config: compute({ dashboard: { tag: "server:2025" } }), path: `${P}.compute.dashboard.tag`, says: /image tag/ },
  {
    name: "repository with a tag",
    config: compute({ renderer: { repository: "ghcr.io/pi-cr/renderer:2025" } }),
    path: `${P}.compute.renderer.repository`,
    says: /without tag/,
  },
  { name: "scheduler cannot use Spot", config: compute({ scheduler: { spot: true } }), path: `${P}.compute.scheduler.spot`, says: /not a known setting/ },
  // Image access (preflight-images): ghcr.io is private.
  {
    name: "vendor images on ghcr.io without registry credentials",
    config: compute({}),
    path: `${P}.compute.dashboard.repository`,
    says: /ghcr\.io.*compute\.registryCredentialsSecretArn is not set.*CannotPullContainerError.*ecr-mirror\.md.*compute\.images\.public: true/,
  },
  {
    name: "pirana left on ghcr.io after mirroring the others to ECR",
    config: compute({
      dashboard: { repository: "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/server" },
      scheduler: { repository: "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/scheduler" },
      renderer: { enabled: false },
      pirana: { enabled: true },
    }),
    path: `${P}.compute.pirana.repository`,
    says: /set compute\.pirana\.repository to the ECR repository/,
  },
  { name: "images.public misspelt", config: compute({ images: { publik: true } }), path: `${P}.compute.images.publik`, says: /not a known setting/ },
  {
    name: "deployment alarms not a boolean",
    config: compute({ dashboard: { deploymentAlarms: "yes" } }),
    path: `${P}.compute.dashboard.deploymentAlarms`,
    says: /must be true or false/,
  },
  { name: "YAML syntax error", config: "environments:\n  production: [unclosed\n", path: "(file)", says: /line \d+, column \d+/ },
  {
    name: "edge section missing",
    config: { environments: { production: { region: "eu-west-2", accountId: "123456789012" } } },
    path: `${P}.edge`,
    says: /is required/,
  },
  {
    name: "TLS policy not approved",
    config: edge({ tlsPolicy: "ELBSecurityPolicy-2016-08" }),
    path: `${P}.edge.tlsPolicy`,
    says: /approved TLS policies .*ELBSecurityPolicy-TLS13-1-2-Res-2021-06/,
  },
  { name: "hosted zone id malformed", config: edge({ hostedZoneId: "example.com" }), path: `${P}.edge.hostedZoneId`, says: /Route 53 hosted zone id/ },
  { name: "domain not a host name", config: edge({ domainName: "https://bi.example.com/" }), path: `${P}.edge.domainName`, says: /DNS host name/ },
  { name: "upper-case domain", config: edge({ domainName: "BI.example.com" }), path: `${P}.edge.domainName`, says: /lower-case DNS host name/ },
  {
    name: "certificate ARN malformed",
    config: edge({ certificateArn: "arn:aws:iam::123456789012:server-certificate/bi" }),
    path: `${P}.edge.certificateArn`,
    says: /ACM certificate ARN/,
  },
  {
    name: "certificate from another region",
    config: edge({ certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" }),
    path: `${P}.edge.certificateArn`,
    says: /region us-east-1.*own region \(eu-west-2\)/,
  },
  { name: "WAF rate limit too low", config: edge({ waf: { rateLimit: 50 } }), path: `${P}.edge.waf.rateLimit`, says: /at least 100/ },
  { name: "WAF rate limit too high", config: edge({ waf: { rateLimit: 3_000_000_000 } }), path: `${P}.edge.waf.rateLimit`, says: /at most 2000000000/ },
  { name: "idle timeout below the ALB default", config: edge({ idleTimeoutSeconds: 30 }), path: `${P}.edge.idleTimeoutSeconds`, says: /at least 60/ },
  { name: "ingress range not a CIDR", config: edge({ ingressCidrs: { ipv6: ["2001:db8::/129"] } }), path: `${P}.edge.ingressCidrs.ipv6[0]`, says: /IPv6 CIDR/ },
  { name: "load balancer closed to everyone", config: edge({ ingressCidrs: { ipv4: [] } }), path: `${P}.edge.ingressCidrs`, says: /allows nobody/ },
  { name: "dual-stack on the IPv4-only VPC", config: edge({ ipAddressType: "dualstack" }), path: `${P}.edge.ipAddressType`, says: /IPv4-only/ },
  {
    name: "alternative name repeats the domain",
    config: edge({ subjectAlternativeNames: ["bi.example.com"] }),
    path: `${P}.edge.subjectAlternativeNames[0]`,
    says: /list each name once/,
  },
  { name: "alarm e-mail malformed", config: env({ alarms: { emails: ["ops at example.com"] } }), path: `${P}.alarms.emails[0]`, says: /e-mail address/ },
  // Data tier: database, fileStorage, backup.
  {
    name: "DB family does not match the version",
    config: env({ database: { engineVersion: "10.11", parameterGroupFamily: "mariadb10.6" } }),
    path: `${P}.database.parameterGroupFamily`,
    says: /does not match engineVersion 10\.11, whose family is mariadb10\.11/,
  },
  {
    name: "DB version of no RDS major release",
    config: env({ database: { engineVersion: "10.9" } }),
    path: `${P}.database.engineVersion`,
    says: /RDS for MariaDB major release: 10\.5, 10\.6, 10\.11/,
  },
  {
    name: "DB instance class in an unknown format",
    config: env({ database: { instanceClass: "t4g.small" } }),
    path: `${P}.database.instanceClass`,
    says: /RDS instance class such as db\.t4g\.small/,
  },
  {
    name: "DB backup retention over 35 days",
    config: env({ database: { backupRetentionDays: 40 } }),
    path: `${P}.database.backupRetentionDays`,
    says: /between 1 and 35 days/,
  },
  {
    name: "DB backup retention too short to protect",
    config: env({ lifecycle: "protect", database: { backupRetentionDays: 3 } }),
    path: `${P}.database.backupRetentionDays`,
    says: /at least 7 days with lifecycle protect/,
  },
  {
    name: "backup plan retention under a week",
    config: env({ backup: { retentionDays: 3 } }),
    path: `${P}.backup.retentionDays`,
    says: /between 7 and 36500 days/,
  },
  {
    name: "cold storage leaves under 90 days before deletion",
    config: env({ backup: { coldStorageAfterDays: 30, retentionDays: 60 } }),
    path: `${P}.backup.retentionDays`,
    says: /coldStorageAfterDays \+ 90 \(120\)/,
  },
  {
    name: "copy target not a vault ARN",
    config: env({ backup: { copyToVaultArn: "pi-dr-vault" } }),
    path: `${P}.backup.copyToVaultArn`,
    says: /backup vault ARN/,
  },
  { name: "uid out of range", config: env({ fileStorage: { uid: -1 } }), path: `${P}.fileStorage.uid`, says: /between 0 and 4294967295/ },
  { name: "gid out of range", config: env({ fileStorage: { gid: 4294967296 } }), path: `${P}.fileStorage.gid`, says: /between 0 and 4294967295/ },
  { name: "uid not a whole number", config: env({ fileStorage: { uid: 1000.5 } }), path: `${P}.fileStorage.uid`, says: /whole number/ },
  {
    name: "EFS parent path relative",
    config: env({ fileStorage: { rootPath: "panintelligence/" } }),
    path: `${P}.fileStorage.rootPath`,
    says: /absolute path/,
  },
  {
    name: "snapshot id malformed",
    config: env({ database: { snapshotIdentifier: "1-snapshot" } }),
    path: `${P}.database.snapshotIdentifier`,
    says: /DB snapshot identifier/,
  },
  {
    name: "snapshot id with a double hyphen",
    config: env({ database: { snapshotIdentifier: "pi--snap" } }),
    path: `${P}.database.snapshotIdentifier`,
    says: /must not contain '--'/,
  },
  { name: "master user admin", config: env({ database: { masterUsername: "admin" } }), path: `${P}.database.masterUsername`, says: /reserved name/ },
  { name: "master user root", config: env({ database: { masterUsername: "Root" } }), path: `${P}.database.masterUsername`, says: /reserved name/ },
  { name: "master user mariadb", config: env({ database: { masterUsername: "mariadb" } }), path: `${P}.database.masterUsername`, says: /reserved name/ },
  {
    name: "master user too long",
    config: env({ database: { masterUsername: "panintelligence_admin" } }),
    path: `${P}.database.masterUsername`,
    says: /1-16 characters/,
  },
  {
    name: "storage ceiling without headroom",
    config: env({ database: { allocatedStorageGib: 100, maxAllocatedStorageGib: 105 } }),
    path: `${P}.database.maxAllocatedStorageGib`,
    says: /at least 10% above allocatedStorageGib \(100\)/,
  },
  {
    name: "maintenance during the backup window",
    config: env({ database: { backupWindow: "03:00-04:00", maintenanceWindow: "sun:03:30-sun:04:30" } }),
    path: `${P}.database.maintenanceWindow`,
    says: /overlaps the daily backupWindow/,
  },
  {
    name: "rotation window past midnight",
    config: env({ database: { passwordRotation: { schedule: "cron(0 22 ? * SUN *)", window: "4h" } } }),
    path: `${P}.database.passwordRotation.window`,
    says: /past midnight UTC from the schedule's 22:00 start/,
  },
  {
    name: "rotation more often than every 4 hours",
    config: env({ database: { passwordRotation: { schedule: "rate(2 hours)" } } }),
    path: `${P}.database.passwordRotation.schedule`,
    says: /rate\(N days\)/,
  },

  // Injection: keys that reach an object's prototype are refused wherever they are, never applied or dropped.
  { name: "__proto__ inside an environment", config: `${BASE_YAML}    __proto__:\n      lifecycle: ephemeral\n`, path: `${P}.__proto__`, says: /reserved key/ },
  {
    name: "__proto__ inside a section",
    config: `${BASE_YAML}    database:\n      __proto__:\n        multiAz: false\n`,
    path: `${P}.database.__proto__`,
    says: /reserved key/,
  },
  {
    name: "__proto__ in defaults",
    config: `defaults:\n  __proto__:\n    lifecycle: ephemeral\n${BASE_YAML}`,
    path: "defaults.__proto__",
    says: /reserved key/,
  },
  { name: "__proto__ as a tag key", config: `${BASE_YAML}    tags:\n      __proto__: evil\n`, path: `${P}.tags.__proto__`, says: /no setting has this name/ },
  {
    name: "constructor key",
    config: `${BASE_YAML}    compute:\n      constructor:\n        prototype: {}\n`,
    path: `${P}.compute.constructor`,
    says: /reserved key/,
  },
  { name: "prototype at the top level", config: `prototype: {}\n${BASE_YAML}`, path: "prototype", says: /reserved key/ },
  {
    name: "__proto__ in a JSON file",
    config: `{"environments": {"production": {"__proto__": {"lifecycle": "ephemeral"}, "region": "eu-west-2"}}}`,
    path: `${P}.__proto__`,
    says: /reserved key/,
  },
  {
    name: "__proto__ inside a list entry",
    config: `${BASE_YAML}    policy:\n      waivers:\n        - __proto__: {}\n`,
    path: `${P}.policy.waivers[0].__proto__`,
    says: /reserved key/,
  },
  // Parser limits and odd files: an issue, never a stack trace or a hang.
  { name: "YAML alias bomb", config: ALIAS_BOMB, path: "(file)", says: /alias bomb is refused/ },
  { name: "alias before its anchor", config: `${BASE_YAML}    lifecycle: *later\n`, path: "(file)", says: /before its anchor/ },
  {
    name: "nesting that exhausts the parser",
    config: `environments: ${"[".repeat(20000)}${"]".repeat(20000)}\n`,
    path: "(file)",
    says: /nests brackets \(\[ or \{\) more than 64 deep/,
  },
  {
    name: "nesting deeper than any setting",
    config: `${BASE_YAML}    tags:\n${deepYaml(36, 6)}`,
    path: `${P}.tags${".a".repeat(30)}`,
    says: /nested more than 32 levels/,
  },
  { name: "a key given twice", config: `${BASE_YAML}    region: eu-west-1\n`, path: "(file)", says: /line 8, column 5: this key is given twice/ },
  {
    name: "a key given twice in JSON",
    config: `{"environments": {"production": {"region": "eu-west-2", "region": "eu-west-1"}}}`,
    path: "(file)",
    says: /given twice/,
  },
  {
    name: "an !!omap (would be read as an empty mapping)",
    config: `${BASE_YAML}    database: !!omap\n      - instanceClass: db.t4g.large\n`,
    path: "(file)",
    says: /line 9, column 7: the YAML tag !!omap is not allowed/,
  },
  { name: "a !!set", config: `${BASE_YAML}    alarms:\n      emails: !!set {ops@example.com}\n`, path: "(file)", says: /the YAML tag !!set is not allowed/ },
  { name: "a custom tag", config: `${BASE_YAML}    lifecycle: !ephemeral protect\n`, path: "(file)", says: /the YAML tag !ephemeral is not allowed/ },
  { name: "a !!timestamp", config: `${BASE_YAML}    backup:\n      schedule: !!timestamp 2001-12-14\n`, path: "(file)", says: /!!timestamp is not allowed/ },
  {
    name: "two YAML documents",
    config: `${BASE_YAML}---\nproject: other\n`,
    path: "(file)",
    says: /more than one YAML document/,
    not: /parseAllDocuments|YAML\\./,
  },
  { name: "tabs as indentation", config: `environments:\n\tproduction: {}\n`, path: "(file)", says: /indent with spaces/ },
  {
    name: "YAML error position given once",
    config: "environments:\n  production: [unclosed\n",
    path: "(file)",
    says: /^\s*✗ \(file\): not valid YAML\/JSON at line 3, column 1: [^\n]*$/,
    not: /line \d+, column \d+[^\n]*line \d+, column \d+/,
  },
  {
    name: "a named pipe as the config",
    config: "",
    path: "(file)",
    says: /is a named pipe \(FIFO\), not a regular file/,
    setup: (file) => {
      execFileSync("mkfifo", [file]);
      return file;
    },
  },
  { name: "/dev/zero as the config", config: "", path: "(file)", says: /\/dev\/zero: is a device, not a regular file/, setup: () => "/dev/zero" },
  {
    name: "a directory as the config",
    config: "",
    path: "(file)",
    says: /is a directory, not a regular file/,
    setup: (file) => {
      mkdirSync(file);
      return file;
    },
  },
  {
    name: "a config over the size cap",
    config: "",
    path: "(file)",
    says: /more than the 128 KiB a configuration file may have/,
    setup: (file) => {
      writeFileSync(file, `${BASE_YAML}${"# padding\n".repeat(30_000)}`);
      return file;
    },
  },
  { name: "an empty file", config: "", path: "(file)", says: /must be a mapping of settings/ },
  { name: "a list at the top level", config: "- environments\n", path: "(file)", says: /must be a mapping of settings \(key: value\), not a list/ },
  // Repeated list entries: refused at the field, not as a construct-name crash.
  {
    name: "interface endpoint twice",
    config: network({ endpoints: { interface: ["logs", "logs"] } }),
    path: `${P}.network.endpoints.interface[1]`,
    says: /repeats network\.endpoints\.interface\[0\]/,
  },
  {
    name: "upload prefix twice",
    config: env({ uploads: { allowedPrefixes: ["images", "themes", "images"] } }),
    path: `${P}.uploads.allowedPrefixes[2]`,
    says: /repeats uploads\.allowedPrefixes\[0\]/,
  },
  {
    name: "audit event twice",
    config: env({ database: { auditEvents: ["CONNECT", "CONNECT"] } }),
    path: `${P}.database.auditEvents[1]`,
    says: /list each entry once/,
  },
  {
    name: "egress port twice",
    config: network({ internetEgressPorts: [443, 587, 443] }),
    path: `${P}.network.internetEgressPorts[2]`,
    says: /list each entry once/,
  },
  { name: "alarm e-mail twice", config: env({ alarms: { emails: ["ops@example.com", "ops@example.com"] } }), path: `${P}.alarms.emails[1]`, says: /repeats/ },
  {
    name: "ingress range twice",
    config: edge({ ingressCidrs: { ipv4: ["10.0.0.0/8", "10.0.0.0/8"] } }),
    path: `${P}.edge.ingressCidrs.ipv4[1]`,
    says: /repeats/,
  },
  {
    name: "count-only WAF rule twice",
    config: edge({ waf: { countOnlyRules: ["SizeRestrictions_BODY", "SizeRestrictions_BODY"] } }),
    path: `${P}.edge.waf.countOnlyRules[1]`,
    says: /repeats/,
  },
  {
    name: "alternative name twice",
    config: edge({ subjectAlternativeNames: ["a.example.com", "a.example.com"] }),
    path: `${P}.edge.subjectAlternativeNames[1]`,
    says: /list each name once/,
  },
  { name: "waiver twice", config: env({ policy: { waivers: [WAIVER, WAIVER] } }), path: `${P}.policy.waivers[1]`, says: /repeats policy\.waivers\[0\]/ },
  {
    name: "existing subnet twice in one tier",
    config: existing({
      subnetIds: {
        public: ["subnet-00000000000000a01", "subnet-00000000000000a02"],
        app: ["subnet-00000000000000b01", "subnet-00000000000000b01"],
        data: ["subnet-00000000000000c01", "subnet-00000000000000c02"],
      },
    }),
    path: `${P}.network.subnetIds.app[1]`,
    says: /repeats network\.subnetIds\.app\[0\]/,
  },
  // Every issue in one run, each at its layer.
  {
    name: "a top-level typo does not hide the environments",
    config: { projcet: "pi", ...env({ region: "europe" }) },
    path: `${P}.region`,
    says: /AWS region code/,
  },
  { name: "the top-level typo itself", config: { projcet: "pi", ...env({ region: "europe" }) }, path: "projcet", says: /not a known setting/ },
  {
    name: "unknown key in defaults under a section the environment also has",
    config: { defaults: { database: { instanceClas: "db.t4g.small" } }, ...env({ database: { multiAz: true } }) },
    path: "defaults.database.instanceClas",
    says: /not a known setting/,
  },
  {
    name: "cross-field problem written in defaults",
    config: { defaults: { database: { backupWindow: "03:00-04:00", maintenanceWindow: "sun:03:30-sun:04:30" } }, ...env({}) },
    path: "defaults.database.maintenanceWindow",
    says: /overlaps the daily backupWindow/,
  },
  { name: "defaults not a mapping", config: { defaults: ["region"], ...env({}) }, path: "defaults", says: /must be a mapping \(key: value\), not a list/ },
  // Values YAML changed, shown as written.
  {
    name: "account id with a leading zero, unquoted",
    config: BASE_YAML.replace('"123456789012"', "012345678901"),
    path: `${P}.accountId`,
    says: /must be quoted[^\n]*accountId: "012345678901"/,
  },
  {
    name: ".inf as a number",
    config: `${BASE_YAML}    database:\n      allocatedStorageGib: .inf\n`,
    path: `${P}.database.allocatedStorageGib`,
    says: /not \.inf \(got \.inf\)/,
  },
  { name: "-.inf as a number", config: `${BASE_YAML}    fileStorage:\n      uid: -.inf\n`, path: `${P}.fileStorage.uid`, says: /\(got -\.inf\)/ },
  {
    name: ".nan as a number",
    config: `${BASE_YAML}    alarms:\n      database:\n        cpuPercent: .nan\n`,
    path: `${P}.alarms.database.cpuPercent`,
    says: /got \.nan/,
  },
  // Plain words, never zod's.
  { name: "unknown network mode", config: network({ mode: "bogus" }), path: `${P}.network.mode`, says: /must be one of "create"\|"existing" \(got "bogus"\)/ },
  {
    name: "network without a mode",
    config: env({ network: { cidr: "10.0.0.0/16" } }),
    path: `${P}.network.mode`,
    says: /is required: one of "create"\|"existing"/,
  },
  { name: "state without a backend", config: env({ state: { path: "x.tfstate" } }), path: `${P}.state.backend`, says: /is required: one of "local"\|"s3"/ },
  { name: "tags as text", config: env({ tags: "team=bi" }), path: `${P}.tags`, says: /must be a mapping \(key: value\), not text/ },
  { name: "environments as text", config: { environments: "production" }, path: "environments", says: /must be a mapping \(key: value\), not text/ },
  { name: "an environment as a list", config: { environments: { production: ["eu-west-2"] } }, path: `${P}`, says: /must be a mapping of settings/ },
  { name: "edge as text", config: env({ edge: "bi.example.com" }), path: `${P}.edge`, says: /must be a mapping of settings \(key: value\), not text/ },
  {
    name: "a huge whole number",
    config: env({ alarms: { alb: { unhealthyTargets: 1e300 } } }),
    path: `${P}.alarms.alb.unhealthyTargets`,
    says: /too large to be an exact whole number/,
  },
  {
    name: "a fraction where a whole number belongs",
    config: network({ azCount: 2.5 }),
    path: `${P}.network.azCount`,
    says: /must be a whole number \(got 2\.5\)/,
  },
  { name: "a number as text", config: compute({ dashboard: { cpu: "1024" } }), path: `${P}.compute.dashboard.cpu`, says: /must be a number, not text/ },
  { name: "yes for a boolean", config: edge({ waf: { enabled: "yes" } }), path: `${P}.edge.waf.enabled`, says: /must be true or false, not text/ },
  { name: "a CIDR as a number", config: network({ cidr: 10 }), path: `${P}.network.cidr`, says: /must be text, not a whole number/ },
  { name: "subnets as text", config: network({ subnets: { app: "10.0.1.0/24" } }), path: `${P}.network.subnets.app`, says: /must be a list, not text/ },
  {
    name: "too many alternative names",
    config: edge({ subjectAlternativeNames: ["a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com"] }),
    path: `${P}.edge.subjectAlternativeNames`,
    says: /at most 4 names/,
  },
  {
    name: "environment name too long",
    config: { environments: { "production-europe": base } },
    path: "environments.production-europe",
    says: /at most 16 characters/,
  },
  { name: "project too long", config: { project: "panintelligence", ...env({}) }, path: "project", says: /at most 12 characters/ },
  { name: "$schema as a number", config: { $schema: 1, ...env({}) }, path: "$schema", says: /must be text/ },
  { name: "misspelt environments", config: { enviroments: { production: base } }, path: "enviroments", says: /not a known setting/ },
  { name: "unknown dashboard setting", config: compute({ dashboard: { memory: 2048 } }), path: `${P}.compute.dashboard.memory`, says: /not a known setting/ },
  { name: "NAT layout as a list", config: network({ natGateways: ["single"] }), path: `${P}.network.natGateways`, says: /must be one of "single"\|"perAz"/ },
  // Regions and zones.
  {
    name: "misspelt region eu-west-7",
    config: env({ region: "eu-west-7" }),
    path: `${P}.region`,
    says: /not an AWS region; known regions like it: eu-west-1, eu-west-2, eu-west-3/,
  },
  { name: "region us-east-9", config: env({ region: "us-east-9" }), path: `${P}.region`, says: /us-east-1, us-east-2/ },
  {
    name: "state bucket in an unknown region",
    config: env({ state: { backend: "s3", bucket: "pi-state", region: "eu-north-9" } }),
    path: `${P}.state.region`,
    says: /not an AWS region/,
  },
  {
    name: "zone eu-west-2z",
    config: network({ availabilityZones: ["eu-west-2a", "eu-west-2z"] }),
    path: `${P}.network.availabilityZones[1]`,
    says: /not a zone of eu-west-2; its zones are eu-west-2a, eu-west-2b, eu-west-2c/,
  },
  { name: "azCount 5 in a 3-zone region", config: network({ azCount: 5 }), path: `${P}.network.azCount`, says: /eu-west-2 has 3 per account/ },
  {
    name: "azCount 3 in us-west-1",
    config: env({ region: "us-west-1", network: { mode: "create", azCount: 3 } }),
    path: `${P}.network.azCount`,
    says: /us-west-1 has 2 per account/,
  },
  {
    name: "four zones listed in a 3-zone region",
    config: network({ availabilityZones: ["eu-west-2a", "eu-west-2b", "eu-west-2c", "eu-west-2d"] }),
    path: `${P}.network.availabilityZones`,
    says: /asks for 4 zones/,
  },
  {
    name: "ap-northeast-1e",
    config: env({ region: "ap-northeast-1", network: { mode: "create", availabilityZones: ["ap-northeast-1a", "ap-northeast-1e"] } }),
    path: `${P}.network.availabilityZones[1]`,
    says: /ap-northeast-1a, ap-northeast-1c, ap-northeast-1d/,
  },
  {
    name: "existing VPC with zones of another region",
    config: existing({ availabilityZones: ["us-east-1a", "us-east-1b"] }),
    path: `${P}.network.availabilityZones[0]`,
    says: /must be a zone of region eu-west-2/,
  },
  {
    name: "existing VPC with a zone that does not exist",
    config: existing({ availabilityZones: ["eu-west-2a", "eu-west-2d"] }),
    path: `${P}.network.availabilityZones[1]`,
    says: /not a zone of eu-west-2/,
  },
  {
    name: "existing VPC with fewer zones than subnets",
    config: existing({ availabilityZones: ["eu-west-2a", "eu-west-2b", "eu-west-2c"] }),
    path: `${P}.network.subnetIds.app`,
    says: /give one subnet per zone/,
  },
  // Certificates and names.
  {
    name: "domain over ACM's 64 characters",
    config: edge({ domainName: `${"a".repeat(50)}.dashboards.example.com` }),
    path: `${P}.edge.domainName`,
    says: /ACM refuses a certificate whose first name is longer than 64/,
  },
  { name: "IP address as the domain", config: edge({ domainName: "10.0.0.1" }), path: `${P}.edge.domainName`, says: /IP address/ },
  {
    name: "IP address as an alternative name",
    config: edge({ subjectAlternativeNames: ["192.168.1.10"] }),
    path: `${P}.edge.subjectAlternativeNames[0]`,
    says: /IP address/,
  },
  {
    name: "certificate from another account",
    config: edge({ certificateArn: "arn:aws:acm:eu-west-2:210987654321:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" }),
    path: `${P}.edge.certificateArn`,
    says: /belongs to account 210987654321[^\n]*own account \(123456789012\)/,
  },
  {
    name: "certificate in a region that does not exist",
    config: edge({ certificateArn: "arn:aws:acm:eu-west-9:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" }),
    path: `${P}.edge.certificateArn`,
    says: /not an AWS region/,
  },
  // Reserved bucket names.
  { name: "state bucket sthree-", config: env({ state: { backend: "s3", bucket: "sthree-state" } }), path: `${P}.state.bucket`, says: /prefix S3 reserves/ },
  {
    name: "state bucket amzn-s3-demo-",
    config: env({ state: { backend: "s3", bucket: "amzn-s3-demo-bucket" } }),
    path: `${P}.state.bucket`,
    says: /prefix S3 reserves/,
  },
  { name: "state bucket xn--", config: env({ state: { backend: "s3", bucket: "xn--state" } }), path: `${P}.state.bucket`, says: /prefix S3 reserves/ },
  { name: "state bucket -s3alias", config: env({ state: { backend: "s3", bucket: "state-s3alias" } }), path: `${P}.state.bucket`, says: /suffix S3 reserves/ },
  { name: "state bucket --x-s3", config: env({ state: { backend: "s3", bucket: "state--x-s3" } }), path: `${P}.state.bucket`, says: /suffix S3 reserves/ },
  { name: "state bucket as an IP address", config: env({ state: { backend: "s3", bucket: "192.168.10.1" } }), path: `${P}.state.bucket`, says: /IP address/ },
  {
    name: "state bucket with two periods",
    config: env({ state: { backend: "s3", bucket: "my..state" } }),
    path: `${P}.state.bucket`,
    says: /adjacent periods/,
  },
  {
    name: "project that makes reserved bucket names",
    config: { project: "sthree", ...env({}) },
    path: "project",
    says: /S3 reserves names beginning with "sthree-"/,
  },
  // RDS.
  {
    name: "backup window of 15 minutes",
    config: env({ database: { backupWindow: "01:00-01:15" } }),
    path: `${P}.database.backupWindow`,
    says: /lasts 15 minutes; RDS needs at least 30/,
  },
  {
    name: "maintenance window of 20 minutes",
    config: env({ database: { maintenanceWindow: "sun:05:00-sun:05:20" } }),
    path: `${P}.database.maintenanceWindow`,
    says: /lasts 20 minutes/,
  },
  {
    name: "maintenance window of two days",
    config: env({ database: { maintenanceWindow: "mon:05:00-wed:05:00" } }),
    path: `${P}.database.maintenanceWindow`,
    says: /between 30 minutes and 24 hours/,
  },
  {
    name: "backup window across midnight too short",
    config: env({ database: { backupWindow: "23:50-00:10" } }),
    path: `${P}.database.backupWindow`,
    says: /lasts 20 minutes/,
  },
  {
    name: "instance class size that does not exist",
    config: env({ database: { instanceClass: "db.t4g.4xlarge" } }),
    path: `${P}.database.instanceClass`,
    says: /not a size of db\.t4g; it comes in micro, small/,
  },
  {
    name: "instance class family that does not exist",
    config: env({ database: { instanceClass: "db.q9.large" } }),
    path: `${P}.database.instanceClass`,
    says: /not an RDS for MariaDB instance class/,
  },
  {
    name: "instance class size beyond the family",
    config: env({ database: { instanceClass: "db.m5.48xlarge" } }),
    path: `${P}.database.instanceClass`,
    says: /not a size of db\.m5/,
  },
  {
    name: "engine version 10.11.99",
    config: env({ database: { engineVersion: "10.11.99" } }),
    path: `${P}.database.engineVersion`,
    says: /not a MariaDB version RDS offers; 10\.11 comes as 10\.11\.4/,
  },
  { name: "engine version 10.6.1", config: env({ database: { engineVersion: "10.6.1" } }), path: `${P}.database.engineVersion`, says: /give 10\.6 alone/ },
  {
    name: "engine version 11.4.0",
    config: env({ database: { engineVersion: "11.4.0" } }),
    path: `${P}.database.engineVersion`,
    says: /not a MariaDB version RDS offers/,
  },
  { name: "master user select", config: env({ database: { masterUsername: "select" } }), path: `${P}.database.masterUsername`, says: /reserved word/ },
  { name: "master user Table", config: env({ database: { masterUsername: "Table" } }), path: `${P}.database.masterUsername`, says: /reserved word/ },
  { name: "master user rdsadmin", config: env({ database: { masterUsername: "rdsadmin" } }), path: `${P}.database.masterUsername`, says: /reserved name/ },
  // Time zones and cron expressions.
  {
    name: "office hours in a misspelt zone",
    config: officeHours({ timezone: "Europe/Londn" }),
    path: `${P}.compute.dashboard.scaling.officeHours.timezone`,
    says: /not an IANA time zone name/,
  },
  {
    name: "office hours zone in lower case",
    config: officeHours({ timezone: "europe/london" }),
    path: `${P}.compute.dashboard.scaling.officeHours.timezone`,
    says: /case-sensitive/,
  },
  {
    name: "backup schedule in an unknown zone",
    config: env({ backup: { scheduleTimezone: "Mars/Olympus" } }),
    path: `${P}.backup.scheduleTimezone`,
    says: /IANA time zone/,
  },
  {
    name: "office hours cron with five fields",
    config: officeHours({ scaleUp: "cron(0 7 * * MON-FRI)" }),
    path: `${P}.compute.dashboard.scaling.officeHours.scaleUp`,
    says: /has 5 fields; AWS cron has six/,
  },
  {
    name: "office hours at hour 25",
    config: officeHours({ scaleUp: "cron(0 25 ? * MON-FRI *)" }),
    path: `${P}.compute.dashboard.scaling.officeHours.scaleUp`,
    says: /hours "25" is not valid/,
  },
  {
    name: "office hours with both day fields",
    config: officeHours({ scaleDown: "cron(0 19 * * MON-FRI *)" }),
    path: `${P}.compute.dashboard.scaling.officeHours.scaleDown`,
    says: /\? in exactly one of day-of-month and day-of-week/,
  },
  {
    name: "office hours on a day that does not exist",
    config: officeHours({ scaleDown: "cron(0 19 ? * MON-FUN *)" }),
    path: `${P}.compute.dashboard.scaling.officeHours.scaleDown`,
    says: /day-of-week "MON-FUN"/,
  },
  {
    name: "office hours as a rate",
    config: officeHours({ scaleUp: "rate(1 day)" }),
    path: `${P}.compute.dashboard.scaling.officeHours.scaleUp`,
    says: /must be a cron\(\.\.\.\) expression/,
  },
  {
    name: "backup schedule with both day fields",
    config: env({ backup: { schedule: "cron(0 3 * * * *)" } }),
    path: `${P}.backup.schedule`,
    says: /exactly one of day-of-month/,
  },
  {
    name: "backup schedule every 15 minutes",
    config: env({ backup: { schedule: "cron(0/15 * * * ? *)" } }),
    path: `${P}.backup.schedule`,
    says: /more than once an hour/,
  },
  { name: "backup schedule in month 13", config: env({ backup: { schedule: "cron(0 3 1 13 ? *)" } }), path: `${P}.backup.schedule`, says: /month "13"/ },
  { name: "backup schedule in year 1900", config: env({ backup: { schedule: "cron(0 3 * * ? 1900)" } }), path: `${P}.backup.schedule`, says: /year "1900"/ },
  {
    name: "rotation on day 32",
    config: env({ database: { passwordRotation: { schedule: "cron(0 3 32 1 ? *)" } } }),
    path: `${P}.database.passwordRotation.schedule`,
    says: /day-of-month "32"/,
  },
  {
    name: "rotation with a bad step",
    config: env({ database: { passwordRotation: { schedule: "cron(0 3 1/0 * ? *)" } } }),
    path: `${P}.database.passwordRotation.schedule`,
    says: /day-of-month "1\/0"/,
  },
  // EFS access-point paths.
  {
    name: "EFS path with ..",
    config: env({ fileStorage: { rootPath: "/pi/../etc" } }),
    path: `${P}.fileStorage.rootPath`,
    says: /must not contain \. or \.\. segments/,
  },
  { name: "EFS path with .", config: env({ fileStorage: { rootPath: "/./pi" } }), path: `${P}.fileStorage.rootPath`, says: /\. or \.\./ },
  {
    name: "EFS path too deep",
    config: env({ fileStorage: { rootPath: "/a/b/c/d" } }),
    path: `${P}.fileStorage.rootPath`,
    says: /4 directories deep[^\n]*at most 3/,
  },
  {
    name: "EFS path too long",
    config: env({ fileStorage: { rootPath: `/${"p".repeat(95)}` } }),
    path: `${P}.fileStorage.rootPath`,
    says: /EFS allows 100: use at most 89/,
  },
  // Tags.
  {
    name: "more tags than fit",
    config: env({ tags: Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`Tag${i}`, "x"])) }),
    path: `${P}.tags`,
    says: /has 46 tags[^\n]*at most 45/,
  },
  { name: "tag key AWS: in upper case", config: env({ tags: { "AWS:Owner": "me" } }), path: `${P}.tags."AWS:Owner"`, says: /aws: prefix[^\n]*any letter case/ },
  {
    name: "user tag Environment",
    config: env({ tags: { Environment: "prod" } }),
    path: `${P}.tags.Environment`,
    says: /set by the stack on every resource \(Environment: production\)/,
  },
  { name: "user tag ManagedBy", config: env({ tags: { ManagedBy: "terraform" } }), path: `${P}.tags.ManagedBy`, says: /silently replaced/ },
  { name: "user tag project in lower case", config: env({ tags: { project: "bi" } }), path: `${P}.tags.project`, says: /set by the stack/ },
  {
    name: "tag value with characters AWS refuses",
    config: env({ tags: { Team: "<bi>" } }),
    path: `${P}.tags.Team`,
    says: /characters some AWS services refuse/,
  },
  {
    name: "an access key as a tag value",
    config: env({ tags: { Owner: "AKIAIOSFODNN7EXAMPLE" } }),
    path: `${P}.tags.Owner`,
    says: /holds an AWS access key id; tags are readable/,
  },
  // Quotas.
  {
    name: "more ingress ranges than the security group holds",
    config: edge({ ingressCidrs: { ipv4: Array.from({ length: 31 }, (_, i) => `10.${i}.0.0/16`) } }),
    path: `${P}.edge.ingressCidrs.ipv4`,
    says: /62 inbound rules[^\n]*at most 30 ranges/,
  },
  {
    name: "more IPv6 ranges than the security group holds",
    config: edge({ ingressCidrs: { ipv6: Array.from({ length: 31 }, (_, i) => `2001:db8:${i.toString(16)}::/48`) } }),
    path: `${P}.edge.ingressCidrs.ipv6`,
    says: /at most 30 ranges/,
  },
  {
    name: "more egress ports than a network ACL holds",
    config: network({ internetEgressPorts: Array.from({ length: 20 }, (_, i) => 8000 + i) }),
    path: `${P}.network.internetEgressPorts`,
    says: /needs 24 rules in one direction of a network ACL; AWS allows 20/,
  },
  // Dangerous across environments.
  {
    name: "two environments on one local state file",
    config: two({ state: { backend: "local", path: "shared.tfstate" } }, { state: { backend: "local", path: "./shared.tfstate" } }),
    path: "environments.staging.state.path",
    says: /same state as environment production/,
  },
  {
    name: "two environments on one S3 state",
    config: two({ state: { backend: "s3", bucket: "pi-state", key: "pi.tfstate" } }, { state: { backend: "s3", bucket: "pi-state", key: "pi.tfstate" } }),
    path: "environments.staging.state.key",
    says: /applying one would plan to destroy the other's/,
  },
  {
    name: "two environments on one state through defaults",
    config: { defaults: { state: { backend: "local", path: "all.tfstate" } }, ...two({}, {}) },
    path: "environments.staging.state.path",
    says: /same state as environment production/,
  },
  {
    name: "two environments on one domain name",
    config: two({}, { edge: { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00" } }),
    path: "environments.staging.edge.domainName",
    says: /also served by environment production/,
  },
  {
    name: "an alternative name of another environment",
    config: two({}, { edge: { domainName: "staging.example.com", hostedZoneId: "Z0123456789EXAMPLE00", subjectAlternativeNames: ["bi.example.com"] } }),
    path: "environments.staging.edge.subjectAlternativeNames[0]",
    says: /also served by environment production/,
  },
  // Secrets by name and by value shape.
  { name: "DB_PWD in the environment", config: secretEnv("DB_PWD", "hunter2"), path: `${P}.compute.dashboard.environment.DB_PWD`, says: /looks like a secret/ },
  {
    name: "SMTP_PASS in the environment",
    config: secretEnv("SMTP_PASS", "hunter2"),
    path: `${P}.compute.dashboard.environment.SMTP_PASS`,
    says: /looks like a secret/,
  },
  {
    name: "API_KEY in the environment",
    config: secretEnv("MAPS_API_KEY", "x"),
    path: `${P}.compute.dashboard.environment.MAPS_API_KEY`,
    says: /looks like a secret/,
  },
  {
    name: "AWS secret key name",
    config: secretEnv("AWS_SECRET_ACCESS_KEY", "x"),
    path: `${P}.compute.dashboard.environment.AWS_SECRET_ACCESS_KEY`,
    says: /looks like a secret/,
  },
  {
    name: "JDBC URL with a password",
    config: secretEnv("PI_EXTERNAL_DB", "jdbc:mysql://pi:hunter2@db.internal:3306/sales"),
    path: `${P}.compute.dashboard.environment.PI_EXTERNAL_DB`,
    says: /holds a password in a URL/,
  },
  {
    name: "connection string with a password",
    config: secretEnv("PI_EXTERNAL_DB", "jdbc:mariadb://db.internal/sales?user=pi&password=hunter2"),
    path: `${P}.compute.dashboard.environment.PI_EXTERNAL_DB`,
    says: /password parameter/,
  },
  {
    name: "an AWS access key under an innocent name",
    config: secretEnv("PI_BUCKET_USER", "AKIAIOSFODNN7EXAMPLE"),
    path: `${P}.compute.dashboard.environment.PI_BUCKET_USER`,
    says: /holds an AWS access key id/,
  },
  {
    name: "a GitHub token under an innocent name",
    config: secretEnv("PI_REPO", `ghp_${"a1B2".repeat(9)}`),
    path: `${P}.compute.dashboard.environment.PI_REPO`,
    says: /holds a GitHub token/,
  },
  {
    name: "a private key",
    config: secretEnv("PI_SSO_CERT", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"),
    path: `${P}.compute.dashboard.environment.PI_SSO_CERT`,
    says: /holds a private key/,
  },
  {
    name: "a high-entropy string",
    config: secretEnv("PI_SIGNING", "q8Zr4LmX2vT9nW7bK3pY6sD1fH5jG0cA+e_u"),
    path: `${P}.compute.dashboard.environment.PI_SIGNING`,
    says: /high-entropy string/,
  },
  {
    name: "a Slack token",
    config: secretEnv("PI_NOTIFY", "xoxb-1234567890-abcdefghij"),
    path: `${P}.compute.dashboard.environment.PI_NOTIFY`,
    says: /Slack token/,
  },
  {
    name: "a storage account key",
    config: secretEnv("PI_BLOB", "DefaultEndpointsProtocol=https;AccountName=pi;AccountKey=bm90LWEtcmVhbC1rZXktYXQtYWxs=="),
    path: `${P}.compute.dashboard.environment.PI_BLOB`,
    says: /holds a key in a connection string/,
  },
  {
    name: "a Slack webhook",
    config: secretEnv("PI_ALERT_HOOK", "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXX"),
    path: `${P}.compute.dashboard.environment.PI_ALERT_HOOK`,
    says: /Slack webhook URL/,
  },
  {
    name: "a JSON Web Token",
    config: secretEnv("PI_BEARER_VALUE", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig"),
    path: `${P}.compute.dashboard.environment.PI_BEARER_VALUE`,
    says: /JSON Web Token/,
  },
  // More single fields.
  {
    name: "office hours min above max",
    config: officeHours({ min: 4, max: 2 }),
    path: `${P}.compute.dashboard.scaling.officeHours.min`,
    says: /more than officeHours\.max/,
  },
  {
    name: "pirana scaling min above max",
    config: compute({ pirana: { enabled: true, scaling: { min: 3, max: 1 } } }),
    path: `${P}.compute.pirana.scaling.min`,
    says: /min ≤ max/,
  },
  {
    name: "DB backups of 0 days",
    config: env({ database: { backupRetentionDays: 0 } }),
    path: `${P}.database.backupRetentionDays`,
    says: /between 1 and 35 days/,
  },
  {
    name: "stickiness longer than 7 days",
    config: edge({ stickiness: { durationSeconds: 700000 } }),
    path: `${P}.edge.stickiness.durationSeconds`,
    says: /7 days/,
  },
  {
    name: "monitoring interval 2",
    config: env({ database: { monitoringIntervalSeconds: 2 } }),
    path: `${P}.database.monitoringIntervalSeconds`,
    says: /1, 5, 10, 15, 30, 60/,
  },
  {
    name: "EFS IA after 3 days",
    config: env({ fileStorage: { transitionToIaDays: 3 } }),
    path: `${P}.fileStorage.transitionToIaDays`,
    says: /EFS lifecycle values/,
  },
  {
    name: "directory permissions not octal",
    config: env({ fileStorage: { directoryPermissions: "999" } }),
    path: `${P}.fileStorage.directoryPermissions`,
    says: /octal permissions/,
  },
  {
    name: "storage ceiling over 64 TiB",
    config: env({ database: { maxAllocatedStorageGib: 70000 } }),
    path: `${P}.database.maxAllocatedStorageGib`,
    says: /must be at most 65536/,
  },
  { name: "schema name with a hyphen", config: env({ database: { schemaName: "pi-dash" } }), path: `${P}.database.schemaName`, says: /letters, digits or '_'/ },
  { name: "initialiser memory 100 MB", config: env({ initialiser: { memoryMb: 100 } }), path: `${P}.initialiser.memoryMb`, says: /128-10240 MB/ },
  {
    name: "upload timeout over the Lambda maximum",
    config: env({ uploads: { timeoutSeconds: 1000 } }),
    path: `${P}.uploads.timeoutSeconds`,
    says: /900 seconds/,
  },
  { name: "no upload prefixes", config: env({ uploads: { allowedPrefixes: [] } }), path: `${P}.uploads.allowedPrefixes`, says: /at least one directory/ },
  {
    name: "backup copy to a vault in an unknown region",
    config: env({ backup: { copyToVaultArn: "arn:aws:backup:eu-west-9:123456789012:backup-vault:dr" } }),
    path: `${P}.backup.copyToVaultArn`,
    says: /not an AWS region/,
  },
  {
    name: "access logs kept 0 days",
    config: edge({ accessLogs: { expirationDays: 0 } }),
    path: `${P}.edge.accessLogs.expirationDays`,
    says: /must be at least 1/,
  },
  {
    name: "count-only rule with a hyphen",
    config: edge({ waf: { countOnlyRules: ["Size-Body"] } }),
    path: `${P}.edge.waf.countOnlyRules[0]`,
    says: /rule name of AWSManagedRulesCommonRuleSet/,
  },
  { name: "idle timeout over the ALB maximum", config: edge({ idleTimeoutSeconds: 5000 }), path: `${P}.edge.idleTimeoutSeconds`, says: /at most 4000/ },
  {
    name: "CPU target of 5 %",
    config: compute({ dashboard: { scaling: { cpuTargetPercent: 5 } } }),
    path: `${P}.compute.dashboard.scaling.cpuTargetPercent`,
    says: /must be at least 10/,
  },
  { name: "subnet bits beyond 12", config: network({ subnetNewBits: 13 }), path: `${P}.network.subnetNewBits`, says: /must be at most 12/ },
  { name: "egress port 0", config: network({ internetEgressPorts: [0] }), path: `${P}.network.internetEgressPorts[0]`, says: /must be at least 1/ },
];

/** A JavaScript stack frame, or an error class name at the start of a line. */
const STACK_TRACE = /^\s+at .+[(:]\d+|^\w*Error\b/m;
/** zod's own wording, which means a field went without a message of ours. */
const ZOD_WORDING =
  /Invalid (input|discriminator|option|key|element)|expected (record|int|string|number|object|array)\b|received \w+|<=\d|>=\d|Too (big|small)|safe integer/;

function workspace(): { cwd: string; outdir: string; before: Record<string, string> } {
  const cwd = mkdtempSync(join(tmpdir(), "pi-bad-config-"));
  const outdir = join(cwd, "cdktf.out");
  mkdirSync(join(outdir, "stacks", "production", ".terraform"), { recursive: true });
  writeFileSync(join(outdir, "manifest.json"), '{"previous": true}\n');
  writeFileSync(join(outdir, "stacks", "production", "cdk.tf.json"), '{"resource": {"previous": {}}}\n');
  writeFileSync(join(outdir, "stacks", "production", ".terraform", "marker"), "init state\n");
  return { cwd, outdir, before: hashTree(outdir) };
}

describe("bad configuration stops the synth before anything is written", () => {
  test(`at least 150 distinct bad configs are covered (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  test.each(cases)("$name → exit 2 naming $path", ({ config, path, says, not, setup }) => {
    const { cwd, outdir, before } = workspace();
    const file = join(cwd, "config.yaml");
    if (!setup) writeFileSync(file, typeof config === "string" ? config : stringify(config));
    const configPath = setup ? setup(file) : file;
    const entries = readdirSync(cwd).sort();
    const stderr: string[] = [];
    const code = run({ argv: ["--config", configPath], env: {}, cwd, stdout: () => undefined, stderr: (t) => stderr.push(t) });
    const message = stderr.join("\n");
    expect(code).toBe(2);
    const lines = message.split("\n").filter((l) => l.includes(`✗ ${path}:`));
    expect(lines, `no line for ${path} in:\n${message}`).not.toEqual([]);
    expect(
      lines.some((l) => says.test(l)),
      `no line for ${path} says ${says} in:\n${message}`,
    ).toBe(true);
    if (not) expect(message).not.toMatch(not);
    expect(message).not.toMatch(STACK_TRACE);
    expect(message).not.toMatch(ZOD_WORDING);
    expect(message).toContain("Nothing was written");
    expect(hashTree(outdir)).toEqual(before);
    expect(readdirSync(cwd).sort()).toEqual(entries); // no staging or state files left behind
  });

  test("a missing config file is exit 2 with the path and how to choose another", () => {
    const { cwd, outdir, before } = workspace();
    const stderr: string[] = [];
    const code = run({ argv: ["--config", "nope.yaml"], env: {}, cwd, stdout: () => undefined, stderr: (t) => stderr.push(t) });
    expect(code).toBe(2);
    expect(stderr.join("\n")).toMatch(/cannot read .*nope\.yaml: file not found\. Pass --config <file> or set PI_CONFIG/);
    expect(hashTree(outdir)).toEqual(before);
    expect(existsSync(join(cwd, `cdktf.out.staging-${process.pid}`))).toBe(false);
  });

  test("unknown arguments are exit 2 with the usage", () => {
    const stderr: string[] = [];
    const code = run({ argv: ["--cofnig", "x"], env: {}, cwd: tmpdir(), stdout: () => undefined, stderr: (t) => stderr.push(t) });
    expect(code).toBe(2);
    expect(stderr.join("\n")).toMatch(/unknown argument "--cofnig"[\s\S]*Usage:/);
  });
});
