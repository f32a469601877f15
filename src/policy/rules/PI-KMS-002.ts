import { isUnknown, type Context, type Resource, type Rule, type Value, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { configsFor, isLogBucket } from "./lib/s3";
import { blocks, bool, first, isMap, str } from "./lib/values";

const KEY_TYPES: ReadonlySet<string> = new Set(["aws_kms_key", "aws_kms_alias", "aws_kms_replica_key"]);

/** An AWS-managed key: `alias/aws/<service>` (by alias or alias ARN). */
const AWS_MANAGED = /(^|:)alias\/aws\//;

/**
 * Judges one key attribute: a reference to a CMK passes, also when the key is declared outside the stack
 * (`${aws_kms_key.x.arn}`: the type says what it is); a literal key id, key ARN or customer alias passes; absent,
 * empty or an AWS-managed alias fails. `refs`: the external check of that data store.
 */
function expectCmk(a: Assessment, attribute: string, value: Value | undefined, ctx: Context, refs: readonly string[]): void {
  const ref = ctx.resolve(value);
  if (ref?.resource) {
    if (!KEY_TYPES.has(ref.resource.type)) a.fail(`${attribute} references ${ref.resource.address}, expected an aws_kms_key`, refs);
    return;
  }
  const root = ref?.expression.split(".")[0];
  if (root && KEY_TYPES.has(root)) return;
  const literal = str(value);
  if (isUnknown(literal)) a.unknown(`${attribute}: ${literal.reason}`, refs);
  else if (literal === undefined || literal.trim() === "") a.fail(`${attribute} is absent, expected a customer-managed aws_kms_key`, refs);
  else if (AWS_MANAGED.test(literal)) a.fail(`${attribute} = "${literal}" is an AWS-managed key, expected a customer-managed aws_kms_key`, refs);
}

/** checkov's check for each data store's key (CKV_AWS_354 is the Performance Insights key). */
const STORE_REFS: Readonly<Record<string, readonly string[]>> = {
  aws_efs_file_system: ["CKV_AWS_184"],
  aws_secretsmanager_secret: ["CKV_AWS_149"],
  aws_cloudwatch_log_group: ["CKV_AWS_158", "AWS-0017"],
  aws_backup_vault: ["CKV_AWS_166"],
  aws_lambda_function: ["CKV_AWS_173"],
  aws_ecs_cluster: ["CKV_AWS_224"],
  aws_s3_bucket: ["AWS-0132"],
  aws_db_instance: [],
  aws_rds_cluster_instance: [],
};

/** ECS Exec session logs, unless logging is off, are written encrypted (to CloudWatch or S3), as CKV_AWS_224 asks. */
function judgeExecLogs(cluster: Resource, a: Assessment): void {
  const exec = first(first(cluster.values.configuration)?.execute_command_configuration);
  const logging = str(exec?.logging);
  if (!exec || logging === "NONE") return;
  if (isUnknown(logging)) return void a.unknown(`configuration.execute_command_configuration.logging: ${logging.reason}`, ["CKV_AWS_224"]);
  const logs = first(exec.log_configuration);
  const encrypted = [logs?.cloud_watch_encryption_enabled, logs?.s3_bucket_encryption_enabled].map((x) => bool(x));
  if (encrypted.some((x) => x === true)) return;
  const unknown = encrypted.find(isUnknown);
  if (unknown) a.unknown(`execute_command_configuration.log_configuration: ${unknown.reason}`, ["CKV_AWS_224"]);
  else
    a.fail(
      "execute_command_configuration.log_configuration encrypts neither CloudWatch nor S3 exec logs, expected cloud_watch_encryption_enabled = true (or s3_bucket_encryption_enabled)",
      ["CKV_AWS_224"],
    );
}

/** The key attributes each data store is judged on; undefined when the store holds nothing to encrypt. */
function keyAttributes(resource: Resource, ctx: Context): readonly (readonly [string, Value | undefined, (readonly string[])?])[] | undefined {
  const v = resource.values;
  switch (resource.type) {
    case "aws_s3_bucket": {
      if (isLogBucket(resource, ctx)) return undefined;
      const rule = configsFor(resource, "aws_s3_bucket_server_side_encryption_configuration", ctx).flatMap((c) => blocks(c.values.rule))[0];
      return [["apply_server_side_encryption_by_default.kms_master_key_id", first(rule?.apply_server_side_encryption_by_default)?.kms_master_key_id]];
    }
    case "aws_backup_vault":
      return [["kms_key_arn", v.kms_key_arn]];
    case "aws_lambda_function": {
      // an environment block holds variables to encrypt (only an explicitly empty map holds none)
      const environment = first(v.environment);
      const variables = environment?.variables;
      const empty = !environment || (isMap(variables) && Object.keys(variables).length === 0) || Object.keys(environment).length === 0;
      return empty ? undefined : [["kms_key_arn", v.kms_key_arn]];
    }
    case "aws_db_instance":
    case "aws_rds_cluster_instance":
      return [
        ...(resource.type === "aws_db_instance" ? [["kms_key_id", v.kms_key_id] as const] : []),
        ...(bool(v.performance_insights_enabled) === true
          ? [["performance_insights_kms_key_id", v.performance_insights_kms_key_id, ["CKV_AWS_354"]] as const]
          : []),
      ];
    case "aws_ecs_cluster": {
      const exec = first(first(v.configuration)?.execute_command_configuration);
      return exec ? [["configuration.execute_command_configuration.kms_key_id", exec.kms_key_id]] : undefined;
    }
    default:
      return [["kms_key_id", v.kms_key_id]];
  }
}

/** DataStoresUseCmk: the hardened "CMK profile", off by default. */
export const dataStoresUseCmk: Rule = {
  id: "PI-KMS-002",
  title: "Data stores are encrypted with a customer-managed KMS key",
  severity: "LOW",
  resourceTypes: [
    "aws_s3_bucket",
    "aws_efs_file_system",
    "aws_secretsmanager_secret",
    "aws_cloudwatch_log_group",
    "aws_backup_vault",
    "aws_lambda_function",
    "aws_db_instance",
    // Aurora instances carry the same Performance Insights key
    "aws_rds_cluster_instance",
    "aws_ecs_cluster",
  ],
  relatedTypes: ["aws_kms_key"],
  defaultEnabled: false,
  externalIds: {
    checkov: ["CKV_AWS_184", "CKV_AWS_149", "CKV_AWS_158", "CKV_AWS_166", "CKV_AWS_173", "CKV_AWS_354", "CKV_AWS_224"],
    trivy: ["AWS-0132", "AWS-0098", "AWS-0017"],
    securityHub: [],
    cdkNag: [],
  },
  rationale: "A CMK puts decryption under a key policy the account controls and can revoke.",
  check(resource: Resource, ctx: Context): Verdict {
    const attributes = keyAttributes(resource, ctx);
    if (!attributes) return notApplicable(resource.type === "aws_s3_bucket" ? "a log bucket (SSE-S3 required)" : "nothing to encrypt with a key");
    const a = new Assessment();
    for (const [attribute, value, refs] of attributes) expectCmk(a, attribute, value, ctx, refs ?? STORE_REFS[resource.type] ?? []);
    if (resource.type === "aws_ecs_cluster") judgeExecLogs(resource, a);
    return a.verdict("encrypted with a customer-managed key");
  },
};
