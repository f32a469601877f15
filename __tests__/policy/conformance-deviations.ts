/**
 * Every expectation of checkov's own fixtures (../shared/peer-suites/checkov) on which our rules deliberately give
 * another outcome, with the reason. How outcomes are compared: support/conformance.ts. The conformance test fails on
 * any disagreement missing here, and on any entry here that no longer occurs (or now occurs with another outcome).
 *
 * `ours`: what the listed rules report for the address as far as that check is concerned: "fail", "pass" (including
 * failures of other conditions only), "unknown", "not-judged" (no listed rule judges the resource) or "parse-error".
 *
 * Decision on the three files HashiCorp's HCL parser rejects (CKV_AWS_1, CKV_AWS_21, CKV_AWS_49): the engine reports
 * them as parse errors naming file, line and column (HclParseError), never repairs or skips them, and each of their
 * expectations counts as not agreeing. They are listed here with the reason PARSER so that the list stays the
 * complete account of every difference.
 */
import type { Deviation, Exclusion, Expected, Ours } from "./support/conformance";

/**
 * Expectations left out of the filtered figure because checkov's check does not mean what the mapped part of our rule
 * means (the rest are left out by Terraform itself: support/terraform-validity.ts, or as UNKNOWN). Each stays in the
 * unfiltered figure.
 */
export const EXCLUSIONS: readonly Exclusion[] = [
  {
    check: "CKV_AWS_223",
    reason: "not the same semantics: checkov wants ECS Exec logging on every cluster; PI-ECS-002 only where a service enables ECS Exec (§8)",
  },
  {
    check: "CKV_AWS_338",
    reason: "not the same semantics: checkov wants a retention of at least 1 year; PI-LOG-001 at least 30 days and never unbounded (§8)",
  },
  {
    check: "CKV_AWS_173",
    address: "aws_lambda_function.failkmsnovars",
    reason:
      "not the same semantics: checkov's clause on a kms_key_arn without environment variables has no counterpart in PI-KMS-002, which judges the key only where there is something to encrypt",
  },
  {
    check: "CKV_AWS_173",
    address: "aws_lambda_function.failasempty",
    reason: "not the same semantics: checkov's clause on an empty kms_key_arn without environment variables has no counterpart in PI-KMS-002",
  },
  {
    check: "CKV_AWS_334",
    address: "aws_ecs_task_definition.fail",
    reason:
      "the tested value is not known: the fixture sets `privilege`, a key ECS does not have (the provider drops it), so there is no privileged setting to judge; PI-ECS-003 reads the real `privileged` (§7.10)",
  },
  {
    check: "CKV_AWS_335",
    address: "aws_ecs_task_definition.fail",
    reason:
      "the tested value is not known: the fixture sets a per-container `pidMode`, which ECS does not have; the real setting is the task-level pid_mode (§7.10)",
  },
  ...["aws_wafv2_rule_group.pass", "aws_wafregional_rule_group.pass", "aws_waf_rule_group.pass", "aws_wafv2_web_acl.pass_managed"].map((address) => ({
    check: "CKV_AWS_342",
    address,
    reason:
      "not the same semantics: checkov's rule-group handling (rule groups, and a rule-group reference without override_action) is not PI-WAF-002's condition, which judges web ACLs as the WAFv2 API accepts them",
  })),
];

const PARSER = "strict HCL parser rejects the file";

// ---- reasons, one per design decision (security-rules.md section in brackets) ----
const ELB17 =
  "PI-ALB-002 accepts only Security Hub ELB.17's recommended TLS policies (§7.1, §8); checkov's CKV_AWS_103/CKV2_AWS_74 also pass older TLS 1.2 policies";
const NACL_ALONE =
  "§8 judges each NACL allow entry alone, as trivy AWS-0105 does: the allow-all entry (rule 100) opens every admin port although lower-numbered denies precede it; checkov evaluates inline entries in rule-number order";
const PROTOCOL_ALL = "protocol -1/all opens every port whatever from_port/to_port say (AWS ignores them); checkov reads the ports and passes";
const IAM_STAR_RESOURCE =
  'PI-IAM-003 allows Resource "*" only for actions without resource-level support (§8 allow-list); checkov\'s cloudsplaining checks flag only their own action categories (lambda:CreateFunction, dynamodb:CreateTable are in none)';
const NO_SOURCE =
  "the rule names no source at all (no CIDR, prefix list, security group or self), which AWS rejects; checkov treats a missing source as open to the internet";

const d = (check: string, address: string, expected: Expected, ours: Ours, reason: string): Deviation => ({ check, address, expected, ours, reason });

export const DEVIATIONS: readonly Deviation[] = [
  // ---- files the strict HCL parser rejects ----
  ...[
    ["aws_iam_policy_document.fail", "fail"],
    ["aws_iam_policy_document.no_effect", "fail"],
    ["aws_iam_policy_document.list", "pass"],
    ["aws_iam_policy_document.pass", "pass"],
  ].map(([a, e]) =>
    d("CKV_AWS_1", a, e as Expected, "parse-error", `${PARSER} (main.tf:28: a statement object holding a principals block; statement set twice)`),
  ),
  ...[
    ["aws_s3_bucket.default", "fail"],
    ["aws_s3_bucket.disabled", "fail"],
    ["aws_s3_bucket.disabled_v4", "fail"],
    ["aws_s3_bucket.enabled", "pass"],
    ["aws_s3_bucket.enabled_v4", "pass"],
    ["aws_s3_bucket.enabled_var", "pass"],
    ['aws_s3_bucket.this["test-bucket1"]', "pass"],
    ['aws_s3_bucket.this["test-bucket2"]', "pass"],
    ["aws_s3_bucket.ref_by_name", "pass"],
    ["aws_s3_bucket.ref_by_name_local", "pass"],
  ].map(([a, e]) => d("CKV_AWS_21", a, e as Expected, "parse-error", `${PARSER} (main.tf:160: a closing brace on the same line as an argument)`)),
  ...[
    ["aws_iam_policy_document.fail", "fail"],
    ["aws_iam_policy_document.no_effect", "fail"],
    ["aws_iam_policy_document.flatten", "pass"],
    ["aws_iam_policy_document.pass", "pass"],
    ["aws_iam_policy_document.unknown", "pass"],
  ].map(([a, e]) =>
    d("CKV_AWS_49", a, e as Expected, "parse-error", `${PARSER} (main.tf:34: a statement object holding a principals block; statement set twice)`),
  ),

  // ---- load balancers ----
  d("CKV_AWS_103", "aws_lb_listener.tls_1_3", "pass", "fail", `${ELB17}: ELBSecurityPolicy-TLS13-1-2-2021-06`),
  d("CKV_AWS_103", "aws_lb_listener.tls_fs_1_2", "pass", "fail", `${ELB17}: ELBSecurityPolicy-FS-1-2-Res-2019-08`),
  d("CKV_AWS_103", "aws_lb_listener.https_fs_1_2", "pass", "fail", `${ELB17}: ELBSecurityPolicy-FS-1-2-Res-2019-08`),
  d("CKV_AWS_103", "aws_alb_listener.https_fs_1_2", "pass", "fail", `${ELB17}: ELBSecurityPolicy-FS-1-2-Res-2019-08`),
  d("CKV2_AWS_74", "aws_lb_listener.front_end_passing", "pass", "fail", `${ELB17}: ELBSecurityPolicy-TLS-1-2-2017-01`),
  d("CKV2_AWS_74", "aws_alb_listener.secure_listener", "pass", "fail", `${ELB17}: ELBSecurityPolicy-TLS-1-2-Ext-2018-06`),
  d("CKV2_AWS_74", "aws_alb_listener.secure_listener2", "pass", "fail", `${ELB17}: ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06`),

  // ---- WAF ----
  d(
    "CKV2_AWS_28",
    "aws_lb.lb_good_1",
    "pass",
    "fail",
    "protected only by AWS WAF Classic (aws_wafregional_web_acl_association), which AWS retired; §8 asks for a REGIONAL aws_wafv2_web_acl",
  ),
  d(
    "CKV_AWS_342",
    "aws_wafv2_web_acl.pass_managed",
    "pass",
    "fail",
    "a rule-group rule without override_action: the WAFv2 API requires exactly one of action or override_action on every rule",
  ),

  // ---- network ----
  ...["CKV_AWS_229", "CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232"].map((check) => d(check, "aws_network_acl.pass3", "pass", "fail", NACL_ALONE)),
  d("CKV_AWS_352", "aws_network_acl_rule.pass", "pass", "fail", PROTOCOL_ALL),
  d("CKV_AWS_382", "aws_security_group.pass", "pass", "fail", PROTOCOL_ALL),
  d(
    "CKV_AWS_24",
    "aws_security_group.fail2",
    "fail",
    "pass",
    "tcp from_port 0 to_port 0 opens port 0 only, not 22 (PI-NET-006 still fails it, as internet ingress beyond 80/443: EC2.18)",
  ),
  d("CKV_AWS_24", "aws_vpc_security_group_ingress_rule.fail2", "fail", "pass", NO_SOURCE),
  d("CKV_AWS_24", "aws_security_group.not_self", "fail", "pass", NO_SOURCE),
  d(
    "CKV_AWS_24",
    "aws_security_group.pass_self2",
    "pass",
    "fail",
    "0.0.0.0/0 on all protocols is open to the internet on port 22 whatever self = true adds; checkov lets self override the CIDR",
  ),

  // ---- ECS ----
  d(
    "CKV_AWS_223",
    "aws_ecs_cluster.fail",
    "fail",
    "not-judged",
    "§8 PI-ECS-002 requires exec logging only when a service enables ECS Exec (enable_execute_command = true); no service here uses the cluster",
  ),
  d(
    "CKV_AWS_334",
    "aws_ecs_task_definition.fail",
    "fail",
    "pass",
    "the fixture sets `privilege`, a key ECS does not have; PI-ECS-003 reads the real `privileged` (§7.10)",
  ),
  d(
    "CKV_AWS_335",
    "aws_ecs_task_definition.fail",
    "fail",
    "pass",
    "the fixture sets a per-container `pidMode`, which ECS does not have; PI-ECS-003 reads the task-level pid_mode (§7.10)",
  ),

  // ---- RDS ----
  d(
    "CKV_AWS_133",
    "aws_db_instance.pass2",
    "pass",
    "fail",
    "PI-RDS-004 wants backup_retention_period explicit and at least 7 (Security Hub RDS.11, §7.7); checkov passes it absent (AWS default: 1 day)",
  ),
  d(
    "CKV_AWS_133",
    "aws_rds_cluster.pass2",
    "pass",
    "fail",
    "PI-RDS-004 wants backup_retention_period explicit and at least 7 (Security Hub RDS.11, §7.7); checkov passes it absent (AWS default: 1 day)",
  ),
  d(
    "CKV_AWS_129",
    "aws_db_instance.mysql",
    "pass",
    "fail",
    "§8 PI-RDS-007 wants the audit and error logs of MariaDB/MySQL exported; checkov passes any non-empty export list",
  ),
  d(
    "CKV2_AWS_60",
    "aws_db_instance.fail_1",
    "fail",
    "unknown",
    'engine "neptune" is not an aws_db_instance engine: PI-RDS-005 does not judge an instance AWS would not run as RDS',
  ),
  d(
    "CKV_AWS_16",
    "aws_db_instance.disabled",
    "fail",
    "unknown",
    "storage_encrypted = False: in HCL `False` is a reference, not a boolean (Terraform rejects it); the engine does not guess its value",
  ),

  // ---- logs, Lambda, secrets ----
  d(
    "CKV_AWS_66",
    "aws_cloudwatch_log_group.pass",
    "pass",
    "fail",
    "PI-LOG-001 requires a retention of at least 30 days (§8); checkov passes any retention, here 3 days",
  ),
  d(
    "CKV_AWS_338",
    "aws_cloudwatch_log_group.pass_0",
    "pass",
    "fail",
    "retention 0 keeps logs forever, like an unset retention; PI-LOG-001 wants a bounded retention of at least 30 days (§8)",
  ),
  d(
    "CKV_AWS_363",
    "aws_lambda_function.pass",
    "pass",
    "fail",
    "nodejs18.x is deprecated by AWS Lambda; PI-LAM-001 uses the current Lambda.2 allow-list, checkov an older deny-list (§7.11)",
  ),
  d(
    "CKV_AWS_364",
    "aws_lambda_permission.ckv_unittest_pass_source_account",
    "pass",
    "fail",
    "§8 PI-LAM-004 wants source_arn for a service principal (source_account alone still lets every resource of that account invoke); checkov accepts either",
  ),
  d(
    "CKV_AWS_173",
    "aws_lambda_function.failkmsnovars",
    "fail",
    "not-judged",
    "no environment variables: nothing for a key to encrypt, so PI-KMS-002 does not judge the function; checkov fails a kms_key_arn without variables",
  ),
  d(
    "CKV_AWS_173",
    "aws_lambda_function.failasempty",
    "fail",
    "not-judged",
    "no environment variables: nothing for a key to encrypt, so PI-KMS-002 does not judge the function; checkov fails an empty kms_key_arn without variables",
  ),
  d(
    "CKV_AWS_304",
    "aws_secretsmanager_secret_rotation.fail_2",
    "fail",
    "unknown",
    "automatically_after_days = var.days, a variable without a default: unknown until apply, and the engine reports UNKNOWN rather than guess",
  ),

  // ---- IAM ----
  ...["CKV_AWS_107", "CKV_AWS_108", "CKV_AWS_110"].map((check) => d(check, "aws_iam_policy_document.pass", "pass", "fail", IAM_STAR_RESOURCE)),
  ...["CKV_AWS_287", "CKV_AWS_288"].map((check) => d(check, "aws_iam_policy.pass", "pass", "fail", IAM_STAR_RESOURCE)),
  d(
    "CKV_AWS_356",
    "aws_iam_policy_document.pass_condition",
    "pass",
    "fail",
    '§8 PI-IAM-003: kms:Decrypt is never allowed on Resource "*", a Condition or not; checkov passes a conditioned statement',
  ),
];
