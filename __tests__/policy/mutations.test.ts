/**
 * Mutation tests: take the real production stack, break one security attribute at a time, and assert that exactly
 * the rule that guards it starts failing (and nothing else changes). This proves the rules see the shape cdktf really
 * emits: object-vs-array blocks, references and jsonencode'd documents.
 */
import { join } from "node:path";
import { Testing } from "cdktf";
import { describe, expect, test } from "vitest";
import { loadConfigFile } from "../../src/config/load";
import { evaluate } from "../../src/policy/engine";
import { loadSynthJson } from "../../src/policy/load-synth";
import { PanintelligenceStack } from "../../src/stack";

type Body = Record<string, any>;
type Doc = { resource: Record<string, Record<string, Body>> };

function productionStack(): Doc {
  const loaded = loadConfigFile(join(__dirname, "..", "..", "examples", "production.yaml"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const [config] = loaded.environments;
  return JSON.parse(Testing.synth(new PanintelligenceStack(Testing.app(), config.name, { config })));
}

const bodies = (doc: Doc, type: string): Body[] => Object.values(doc.resource[type] ?? {});
function find(doc: Doc, type: string, where: (b: Body) => boolean = () => true): Body {
  const found = bodies(doc, type).find(where);
  if (!found) throw new Error(`the production stack has no matching ${type}`);
  return found;
}
const one = <T>(v: T | T[]): T => (Array.isArray(v) ? v[0] : v);
const addResource = (doc: Doc, type: string, name: string, body: Body) => ((doc.resource[type] ??= {})[name] = body);
const sgOf = (doc: Doc, suffix: string) => {
  const [name] = Object.entries(doc.resource.aws_security_group).find(([, b]) => String(b.name).endsWith(suffix))!;
  return `\${aws_security_group.${name}.id}`;
};

interface Mutation {
  readonly name: string;
  readonly rule: string;
  /** Other rules the same break rightly trips. */
  readonly alsoFails?: readonly string[];
  readonly mutate: (doc: Doc) => void;
}

const mutations: Mutation[] = [
  { name: "RDS storage not encrypted", rule: "PI-RDS-001", mutate: (d) => (find(d, "aws_db_instance").storage_encrypted = false) },
  { name: "RDS publicly accessible", rule: "PI-RDS-002", mutate: (d) => (find(d, "aws_db_instance").publicly_accessible = true) },
  { name: "RDS single-AZ", rule: "PI-RDS-003", mutate: (d) => (find(d, "aws_db_instance").multi_az = false) },
  { name: "RDS backups kept 3 days", rule: "PI-RDS-004", mutate: (d) => (find(d, "aws_db_instance").backup_retention_period = 3) },
  { name: "RDS deletion protection off", rule: "PI-RDS-005", mutate: (d) => (find(d, "aws_db_instance").deletion_protection = false) },
  { name: "RDS minor upgrades off", rule: "PI-RDS-006", mutate: (d) => (find(d, "aws_db_instance").auto_minor_version_upgrade = false) },
  { name: "RDS log exports dropped", rule: "PI-RDS-007", mutate: (d) => (find(d, "aws_db_instance").enabled_cloudwatch_logs_exports = ["slowquery"]) },
  {
    name: "RDS literal master password",
    rule: "PI-RDS-009",
    mutate: (d) => {
      const db = find(d, "aws_db_instance");
      delete db.manage_master_user_password;
      db.password = "hunter2-hunter2";
    },
  },
  { name: "EFS unencrypted", rule: "PI-EFS-001", mutate: (d) => (find(d, "aws_efs_file_system").encrypted = false) },
  { name: "EFS access point without a POSIX user", rule: "PI-EFS-003", mutate: (d) => delete find(d, "aws_efs_access_point").posix_user },
  {
    name: "EFS left out of the backup selection",
    rule: "PI-EFS-002",
    mutate: (d) => (find(d, "aws_backup_selection").resources = [find(d, "aws_backup_selection").resources[0]]),
  },
  { name: "backups deleted after 3 days", rule: "PI-BAK-001", mutate: (d) => (one(one(find(d, "aws_backup_plan").rule).lifecycle).delete_after = 3) },
  { name: "flow log removed", rule: "PI-NET-001", mutate: (d) => delete d.resource.aws_flow_log },
  {
    name: "default security group allows inbound",
    rule: "PI-NET-002",
    mutate: (d) =>
      (find(d, "aws_default_security_group").ingress = [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/8"], self: false }]),
  },
  { name: "a subnet auto-assigns public IPs", rule: "PI-NET-003", mutate: (d) => (bodies(d, "aws_subnet")[0].map_public_ip_on_launch = true) },
  {
    name: "data subnets routed to the internet gateway",
    rule: "PI-NET-004",
    mutate: (d) => {
      const [dataTable] = Object.entries(d.resource.aws_route_table).find(([, t]) => String(t.tags?.Name).endsWith("-data"))!;
      const [igw] = Object.keys(d.resource.aws_internet_gateway);
      addResource(d, "aws_route", "mutant_data_default", {
        route_table_id: `\${aws_route_table.${dataTable}.id}`,
        destination_cidr_block: "0.0.0.0/0",
        gateway_id: `\${aws_internet_gateway.${igw}.id}`,
      });
    },
  },
  { name: "NACL rule allows all protocols", rule: "PI-NET-005", mutate: (d) => (bodies(d, "aws_network_acl_rule")[0].protocol = "-1") },
  {
    name: "SSH open to the world on the database group",
    rule: "PI-NET-006",
    mutate: (d) =>
      addResource(d, "aws_vpc_security_group_ingress_rule", "mutant_ssh", {
        security_group_id: sgOf(d, "-db"),
        description: "ssh",
        ip_protocol: "tcp",
        from_port: 22,
        to_port: 22,
        cidr_ipv4: "0.0.0.0/0",
      }),
  },
  {
    name: "all-protocol egress to anywhere",
    rule: "PI-NET-007",
    mutate: (d) =>
      addResource(d, "aws_vpc_security_group_egress_rule", "mutant_any", {
        security_group_id: sgOf(d, "-upload-sync"),
        description: "everything",
        ip_protocol: "-1",
        cidr_ipv4: "0.0.0.0/0",
      }),
  },
  { name: "security-group rule without description", rule: "PI-NET-008", mutate: (d) => delete bodies(d, "aws_vpc_security_group_egress_rule")[0].description },
  {
    name: "HTTP listener forwards instead of redirecting",
    rule: "PI-ALB-001",
    mutate: (d) =>
      (find(d, "aws_lb_listener", (l) => l.protocol === "HTTP").default_action = [{ type: "forward", target_group_arn: "${aws_lb_target_group.x.arn}" }]),
  },
  {
    name: "TLS 1.0 policy",
    rule: "PI-ALB-002",
    mutate: (d) => (find(d, "aws_lb_listener", (l) => l.protocol === "HTTPS").ssl_policy = "ELBSecurityPolicy-2016-08"),
  },
  { name: "ALB keeps invalid headers", rule: "PI-ALB-003", mutate: (d) => (find(d, "aws_lb").drop_invalid_header_fields = false) },
  { name: "ALB access logs off", rule: "PI-ALB-004", mutate: (d) => (one(find(d, "aws_lb").access_logs).enabled = false) },
  { name: "ALB deletion protection off", rule: "PI-ALB-005", mutate: (d) => (find(d, "aws_lb").enable_deletion_protection = false) },
  { name: "target group health check without path", rule: "PI-ALB-007", mutate: (d) => delete one(find(d, "aws_lb_target_group").health_check).path },
  { name: "WAF not associated", rule: "PI-WAF-001", mutate: (d) => delete d.resource.aws_wafv2_web_acl_association },
  { name: "WAF without logging", rule: "PI-WAF-002", mutate: (d) => delete d.resource.aws_wafv2_web_acl_logging_configuration },
  { name: "deprecated Lambda runtime", rule: "PI-LAM-001", mutate: (d) => (find(d, "aws_lambda_function").runtime = "nodejs16.x") },
  {
    name: "secret in a Lambda environment",
    rule: "PI-LAM-003",
    mutate: (d) => (find(d, "aws_lambda_function").environment.variables.DB_PASSWORD = "s3cr3t-v4lue"),
  },
  { name: "S3 may invoke from any bucket", rule: "PI-LAM-004", mutate: (d) => delete find(d, "aws_lambda_permission").source_arn },
  {
    name: "upload bucket accepts public ACLs",
    rule: "PI-S3-001",
    mutate: (d) => (find(d, "aws_s3_bucket_public_access_block", (b) => String(b.bucket).includes("upload")).block_public_acls = false),
  },
  {
    name: "upload bucket policy without the TLS deny",
    rule: "PI-S3-002",
    mutate: (d) => delete d.resource.aws_s3_bucket_policy[Object.keys(d.resource.aws_s3_bucket_policy).find((n) => n.startsWith("upload"))!],
  },
  {
    name: "upload bucket without default encryption",
    rule: "PI-S3-003",
    mutate: (d) =>
      delete d.resource.aws_s3_bucket_server_side_encryption_configuration[
        Object.keys(d.resource.aws_s3_bucket_server_side_encryption_configuration).find((n) => n.startsWith("upload"))!
      ],
  },
  {
    name: "upload bucket versioning suspended",
    rule: "PI-S3-004",
    mutate: (d) => (one(find(d, "aws_s3_bucket_versioning").versioning_configuration).status = "Suspended"),
  },
  { name: "log group kept 7 days", rule: "PI-LOG-001", mutate: (d) => (find(d, "aws_cloudwatch_log_group").retention_in_days = 7) },
  {
    // An administrator policy is both an admin grant and an AWS-managed policy outside the allow-list.
    name: "administrator policy attached",
    rule: "PI-IAM-001",
    alsoFails: ["PI-IAM-005"],
    mutate: (d) => (find(d, "aws_iam_role_policy_attachment").policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"),
  },
  {
    name: "service-wide wildcard action",
    rule: "PI-IAM-002",
    mutate: (d) => {
      const policy = find(d, "aws_iam_role_policy", (p) => String(p.policy).includes('"sqs:SendMessage"'));
      policy.policy = String(policy.policy).replace('"sqs:SendMessage"', '"sqs:*"');
    },
  },
  {
    name: "role assumable by anyone",
    rule: "PI-IAM-004",
    mutate: (d) => {
      const role = find(d, "aws_iam_role", (r) => String(r.assume_role_policy).includes("lambda.amazonaws.com"));
      role.assume_role_policy = String(role.assume_role_policy).replace('{"Service" = "lambda.amazonaws.com"}', '{"AWS" = "*"}');
    },
  },
  { name: "KMS key without rotation", rule: "PI-KMS-001", mutate: (d) => (find(d, "aws_kms_key").enable_key_rotation = false) },
  { name: "certificate replaced destroy-first", rule: "PI-ACM-001", mutate: (d) => delete find(d, "aws_acm_certificate").lifecycle },
  {
    name: "alias record ignores target health",
    rule: "PI-DNS-001",
    mutate: (d) => (one(find(d, "aws_route53_record", (r) => r.alias).alias).evaluate_target_health = false),
  },
];

describe("mutations of the production stack", () => {
  const baselineDoc = productionStack();
  /** Every (rule, resource) pair that fails or cannot be judged. */
  const findings = (doc: Doc) =>
    new Set(
      evaluate(loadSynthJson(doc)).rules.flatMap((r) =>
        r.results.filter((x) => x.status === "FAIL" || x.status === "UNKNOWN").map((x) => `${r.rule.id} ${x.address}`),
      ),
    );
  const baseline = findings(baselineDoc);

  test(`at least 25 mutations, each guarded by a distinct rule (${mutations.length})`, () => {
    expect(mutations.length).toBeGreaterThanOrEqual(25);
    expect(new Set(mutations.map((m) => m.rule)).size).toBe(mutations.length);
  });

  test("the unmutated stack has no high or critical failure", () => {
    expect(evaluate(loadSynthJson(baselineDoc)).summary.highCriticalFailures).toBe(0);
  });

  test.each(mutations)("$name → exactly $rule fails", ({ rule, alsoFails = [], mutate }) => {
    const doc = structuredClone(baselineDoc);
    mutate(doc);
    const fresh = [...findings(doc)].filter((finding) => !baseline.has(finding));
    expect(fresh.length, "the mutation produced no new finding").toBeGreaterThan(0);
    expect([...new Set(fresh.map((finding) => finding.split(" ")[0]))].sort()).toEqual([rule, ...alsoFails].sort());
  });
});
