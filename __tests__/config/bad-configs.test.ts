/**
 * Bad input: each config must stop the synth with exit code 2, name the field (path) in the message, and leave an
 * existing cdktf.out exactly as it was.
 */
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
}

const compute = (settings: Record<string, unknown>) => env({ compute: settings });
const P = "environments.production";
const cases: BadConfig[] = [
  { name: "missing region", config: { environments: { production: { accountId: "123456789012" } } }, path: `${P}.region`, says: /is required/ },
  { name: "malformed region", config: env({ region: "europe" }), path: `${P}.region`, says: /AWS region code/ },
  { name: "account id as a number", config: env({ accountId: 123456789012 }), path: `${P}.accountId`, says: /expected string/ },
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
    config: existing({ subnetIds: { public: ["subnet-00000000000000a01", "subnet-00000000000000a02"], app: ["subnet-00000000000000b01"], data: ["subnet-00000000000000c01", "subnet-00000000000000c02"] } }),
    path: `${P}.network.subnetIds.app`,
    says: /at least 2 subnets/,
  },
  {
    name: "existing subnet in two tiers",
    config: existing({ subnetIds: { public: ["subnet-00000000000000a01", "subnet-00000000000000a02"], app: ["subnet-00000000000000b01", "subnet-00000000000000b02"], data: ["subnet-00000000000000a01", "subnet-00000000000000c02"] } }),
    path: `${P}.network.subnetIds.data[0]`,
    says: /repeats network.subnetIds.public\[0\]/,
  },
  { name: "log retention CloudWatch does not offer", config: env({ logs: { retentionDays: 10 } }), path: `${P}.logs.retentionDays`, says: /retention values: 1, 3, 5/ },
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
  { name: "bad value in shared defaults", config: { defaults: { region: "mars-1" }, environments: { production: { accountId: "123456789012" } } }, path: "defaults.region", says: /AWS region code/ },
  { name: "reserved tag key", config: env({ tags: { "aws:owner": "me" } }), path: `${P}.tags."aws:owner"`, says: /reserved/ },
  { name: "seed folder missing", config: env({ initialiser: { seedDir: "no-such-seed" } }), path: `${P}.initialiser.seedDir`, says: /does not exist/ },
  { name: "initialiser timeout too short", config: env({ initialiser: { timeoutSeconds: 5 } }), path: `${P}.initialiser.timeoutSeconds`, says: /at least 30 seconds/ },
  { name: "uploads into keys/", config: env({ uploads: { allowedPrefixes: ["images", "keys"] } }), path: `${P}.uploads.allowedPrefixes[1]`, says: /keys is never an upload prefix/ },
  { name: "waiver of an unknown rule", config: env({ policy: { waivers: [{ rule: "PI-NET-999", reason: "a reason that is long enough" }] } }), path: `${P}.policy.waivers[0].rule`, says: /names no rule/ },
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
  { name: "CPU not a Fargate value", config: compute({ renderer: { cpu: 1000 } }), path: `${P}.compute.renderer.cpu`, says: /256, 512, 1024, 2048, 4096, 8192, 16384/ },
  { name: "dashboard too small for Tomcat", config: compute({ dashboard: { cpu: 512, memoryMib: 1024 } }), path: `${P}.compute.dashboard.memoryMib`, says: /at least 2048 MiB/ },
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
  { name: "scaling min above max", config: compute({ dashboard: { scaling: { min: 3, max: 2 } } }), path: `${P}.compute.dashboard.scaling.min`, says: /min ≤ max/ },
  { name: "renderer scaling min above max", config: compute({ renderer: { scaling: { min: 2, max: 1 } } }), path: `${P}.compute.renderer.scaling.min`, says: /min ≤ max/ },
  { name: "CPU target of 100 %", config: compute({ dashboard: { scaling: { cpuTargetPercent: 100 } } }), path: `${P}.compute.dashboard.scaling.cpuTargetPercent`, says: /95/ },
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
  { name: "Service Connect timeout of zero", config: compute({ serviceConnect: { idleTimeoutSeconds: 0 } }), path: `${P}.compute.serviceConnect.idleTimeoutSeconds`, says: />=1/ },
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
  { name: "SMTP password in the scheduler environment", config: compute({ scheduler: { environment: { SMTP_PASS: "hunter2" } } }), path: `${P}.compute.scheduler.environment.SMTP_PASS`, says: /looks like a secret/ },
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
  { name: "embedding without origins", config: compute({ dashboard: { embedding: { allowedOrigins: [] } } }), path: `${P}.compute.dashboard.embedding.allowedOrigins`, says: /at least one origin/ },
  { name: "data source without destination", config: compute({ dataSources: [{ name: "warehouse", ports: [5432] }] }), path: `${P}.compute.dataSources[0]`, says: /at least one destination/ },
  { name: "data source CIDR malformed", config: compute({ dataSources: [{ name: "warehouse", ports: [5432], cidrs: ["10.50.0.0/33"] }] }), path: `${P}.compute.dataSources[0].cidrs[0]`, says: /IPv4 CIDR/ },
  { name: "data source port out of range", config: compute({ dataSources: [{ name: "warehouse", ports: [70000], cidrs: ["10.50.0.0/16"] }] }), path: `${P}.compute.dataSources[0].ports[0]`, says: /65535/ },
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
    config: compute({ dataSources: [{ name: "dw", ports: [5432], cidrs: ["10.50.0.0/16"] }, { name: "dw", ports: [1433], cidrs: ["10.60.0.0/16"] }] }),
    path: `${P}.compute.dataSources[1].name`,
    says: /unique/,
  },
  { name: "SMTP without any server range", config: compute({ smtp: { cidrs: [] } }), path: `${P}.compute.smtp.cidrs`, says: />=1/ },
  {
    name: "excel-data upload prefix (nothing reads it)",
    config: env({ uploads: { allowedPrefixes: ["images", "excel-data"] } }),
    path: `${P}.uploads.allowedPrefixes[1]`,
    says: /nothing reads it/,
  },
  { name: "licence secret not an ARN", config: compute({ licenceSecretArn: "pi/licence" }), path: `${P}.compute.licenceSecretArn`, says: /Secrets Manager secret ARN/ },
  { name: "image tag with a colon", config: compute({ dashboard: { tag: "server:2025" } }), path: `${P}.compute.dashboard.tag`, says: /image tag/ },
  { name: "repository with a tag", config: compute({ renderer: { repository: "ghcr.io/pi-cr/renderer:2025" } }), path: `${P}.compute.renderer.repository`, says: /without tag/ },
  { name: "scheduler cannot use Spot", config: compute({ scheduler: { spot: true } }), path: `${P}.compute.scheduler.spot`, says: /not a known setting/ },
  { name: "YAML syntax error", config: "environments:\n  production: [unclosed\n", path: "(file)", says: /line \d+, column \d+/ },
  { name: "edge section missing", config: { environments: { production: { region: "eu-west-2", accountId: "123456789012" } } }, path: `${P}.edge`, says: /is required/ },
  { name: "TLS policy not approved", config: edge({ tlsPolicy: "ELBSecurityPolicy-2016-08" }), path: `${P}.edge.tlsPolicy`, says: /approved TLS policies .*ELBSecurityPolicy-TLS13-1-2-Res-2021-06/ },
  { name: "hosted zone id malformed", config: edge({ hostedZoneId: "example.com" }), path: `${P}.edge.hostedZoneId`, says: /Route 53 hosted zone id/ },
  { name: "domain not a host name", config: edge({ domainName: "https://bi.example.com/" }), path: `${P}.edge.domainName`, says: /DNS host name/ },
  { name: "upper-case domain", config: edge({ domainName: "BI.example.com" }), path: `${P}.edge.domainName`, says: /lower-case DNS host name/ },
  { name: "certificate ARN malformed", config: edge({ certificateArn: "arn:aws:iam::123456789012:server-certificate/bi" }), path: `${P}.edge.certificateArn`, says: /ACM certificate ARN/ },
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
  { name: "alternative name repeats the domain", config: edge({ subjectAlternativeNames: ["bi.example.com"] }), path: `${P}.edge.subjectAlternativeNames[0]`, says: /list each name once/ },
  { name: "alarm e-mail malformed", config: env({ alarms: { emails: ["ops at example.com"] } }), path: `${P}.alarms.emails[0]`, says: /e-mail address/ },
  // Data tier: database, fileStorage, backup.
  { name: "DB family does not match the version", config: env({ database: { engineVersion: "10.11", parameterGroupFamily: "mariadb10.6" } }), path: `${P}.database.parameterGroupFamily`, says: /does not match engineVersion 10\.11, whose family is mariadb10\.11/ },
  { name: "DB version of no RDS major release", config: env({ database: { engineVersion: "10.9" } }), path: `${P}.database.engineVersion`, says: /RDS for MariaDB major release: 10\.5, 10\.6, 10\.11/ },
  { name: "DB instance class in an unknown format", config: env({ database: { instanceClass: "t4g.small" } }), path: `${P}.database.instanceClass`, says: /RDS instance class such as db\.t4g\.small/ },
  { name: "DB backup retention over 35 days", config: env({ database: { backupRetentionDays: 40 } }), path: `${P}.database.backupRetentionDays`, says: /between 1 and 35 days/ },
  { name: "DB backup retention too short to protect", config: env({ lifecycle: "protect", database: { backupRetentionDays: 3 } }), path: `${P}.database.backupRetentionDays`, says: /at least 7 days with lifecycle protect/ },
  { name: "backup plan retention under a week", config: env({ backup: { retentionDays: 3 } }), path: `${P}.backup.retentionDays`, says: /between 7 and 36500 days/ },
  { name: "cold storage leaves under 90 days before deletion", config: env({ backup: { coldStorageAfterDays: 30, retentionDays: 60 } }), path: `${P}.backup.retentionDays`, says: /coldStorageAfterDays \+ 90 \(120\)/ },
  { name: "copy target not a vault ARN", config: env({ backup: { copyToVaultArn: "pi-dr-vault" } }), path: `${P}.backup.copyToVaultArn`, says: /backup vault ARN/ },
  { name: "uid out of range", config: env({ fileStorage: { uid: -1 } }), path: `${P}.fileStorage.uid`, says: /between 0 and 4294967295/ },
  { name: "gid out of range", config: env({ fileStorage: { gid: 4294967296 } }), path: `${P}.fileStorage.gid`, says: /between 0 and 4294967295/ },
  { name: "uid not a whole number", config: env({ fileStorage: { uid: 1000.5 } }), path: `${P}.fileStorage.uid`, says: /whole number/ },
  { name: "EFS parent path relative", config: env({ fileStorage: { rootPath: "panintelligence/" } }), path: `${P}.fileStorage.rootPath`, says: /absolute path/ },
  { name: "snapshot id malformed", config: env({ database: { snapshotIdentifier: "1-snapshot" } }), path: `${P}.database.snapshotIdentifier`, says: /DB snapshot identifier/ },
  { name: "snapshot id with a double hyphen", config: env({ database: { snapshotIdentifier: "pi--snap" } }), path: `${P}.database.snapshotIdentifier`, says: /must not contain '--'/ },
  { name: "master user admin", config: env({ database: { masterUsername: "admin" } }), path: `${P}.database.masterUsername`, says: /reserved name/ },
  { name: "master user root", config: env({ database: { masterUsername: "Root" } }), path: `${P}.database.masterUsername`, says: /reserved name/ },
  { name: "master user mariadb", config: env({ database: { masterUsername: "mariadb" } }), path: `${P}.database.masterUsername`, says: /reserved name/ },
  { name: "master user too long", config: env({ database: { masterUsername: "panintelligence_admin" } }), path: `${P}.database.masterUsername`, says: /1-16 characters/ },
  { name: "storage ceiling without headroom", config: env({ database: { allocatedStorageGib: 100, maxAllocatedStorageGib: 105 } }), path: `${P}.database.maxAllocatedStorageGib`, says: /at least 10% above allocatedStorageGib \(100\)/ },
  { name: "maintenance during the backup window", config: env({ database: { backupWindow: "03:00-04:00", maintenanceWindow: "sun:03:30-sun:04:30" } }), path: `${P}.database.maintenanceWindow`, says: /overlaps the daily backupWindow/ },
  { name: "rotation window past midnight", config: env({ database: { passwordRotation: { schedule: "cron(0 22 ? * SUN *)", window: "4h" } } }), path: `${P}.database.passwordRotation.window`, says: /past midnight UTC from the schedule's 22:00 start/ },
  { name: "rotation more often than every 4 hours", config: env({ database: { passwordRotation: { schedule: "rate(2 hours)" } } }), path: `${P}.database.passwordRotation.schedule`, says: /rate\(N days\)/ },
];

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
  test(`at least 20 distinct bad configs are covered (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  test.each(cases)("$name → exit 2 naming $path", ({ config, path, says }) => {
    const { cwd, outdir, before } = workspace();
    const file = join(cwd, "config.yaml");
    writeFileSync(file, typeof config === "string" ? config : stringify(config));
    const stderr: string[] = [];
    const code = run({ argv: ["--config", file], env: {}, cwd, stdout: () => undefined, stderr: (t) => stderr.push(t) });
    const message = stderr.join("\n");
    expect(code).toBe(2);
    const line = message.split("\n").find((l) => l.includes(`✗ ${path}:`));
    expect(line, `no line for ${path} in:\n${message}`).toBeDefined();
    expect(line).toMatch(says);
    expect(message).toContain("Nothing was written");
    expect(hashTree(outdir)).toEqual(before);
    expect(readdirSync(cwd).sort()).toEqual(["cdktf.out", "config.yaml"]); // no staging or state files left behind
  });

  test("a missing config file is exit 2 with the path and how to choose another", () => {
    const { cwd, outdir, before } = workspace();
    const stderr: string[] = [];
    const code = run({ argv: ["--config", "nope.yaml"], env: {}, cwd, stdout: () => undefined, stderr: (t) => stderr.push(t) });
    expect(code).toBe(2);
    expect(stderr.join("\n")).toMatch(/cannot read .*nope\.yaml: file not found\. Pass --config <file> or set PI_CONFIG/);
    expect(hashTree(outdir)).toEqual(before);
    expect(existsSync(join(cwd, "cdktf.out.staging-" + process.pid))).toBe(false);
  });

  test("unknown arguments are exit 2 with the usage", () => {
    const stderr: string[] = [];
    const code = run({ argv: ["--cofnig", "x"], env: {}, cwd: tmpdir(), stdout: () => undefined, stderr: (t) => stderr.push(t) });
    expect(code).toBe(2);
    expect(stderr.join("\n")).toMatch(/unknown argument "--cofnig"[\s\S]*Usage:/);
  });
});
