import { isUnknown, type Context, type Resource, type Rule, type Value, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { configsFor, isLogBucket } from "./lib/s3";
import { blocks, bool, first, isMap, str } from "./lib/values";

const KEY_TYPES: ReadonlySet<string> = new Set(["aws_kms_key", "aws_kms_alias", "aws_kms_replica_key"]);

/** Judges one key attribute: a reference to a CMK (or a literal key ARN) passes; absent or an AWS-managed alias fails. */
function expectCmk(a: Assessment, attribute: string, value: Value | undefined, ctx: Context): void {
  const ref = ctx.resolve(value);
  if (ref?.resource) {
    if (!KEY_TYPES.has(ref.resource.type)) a.fail(`${attribute} references ${ref.resource.address}, expected an aws_kms_key`);
    return;
  }
  const literal = str(value);
  if (isUnknown(literal)) a.unknown(`${attribute}: ${literal.reason}`);
  else if (literal === undefined) a.fail(`${attribute} is absent, expected a customer-managed aws_kms_key`);
  else if (!/:key\/[0-9a-f-]+$|^[0-9a-f-]{36}$/.test(literal)) a.fail(`${attribute} = "${literal}", expected a customer-managed aws_kms_key`);
}

/** The key attributes each data store is judged on; undefined when the store holds nothing to encrypt. */
function keyAttributes(resource: Resource, ctx: Context): readonly (readonly [string, Value | undefined])[] | undefined {
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
      const variables = first(v.environment)?.variables;
      return isMap(variables) && Object.keys(variables).length ? [["kms_key_arn", v.kms_key_arn]] : undefined;
    }
    case "aws_db_instance":
      return [["kms_key_id", v.kms_key_id], ...(bool(v.performance_insights_enabled) === true ? [["performance_insights_kms_key_id", v.performance_insights_kms_key_id] as const] : [])];
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
  resourceTypes: ["aws_s3_bucket", "aws_efs_file_system", "aws_secretsmanager_secret", "aws_cloudwatch_log_group", "aws_backup_vault", "aws_lambda_function", "aws_db_instance", "aws_ecs_cluster"],
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
    for (const [attribute, value] of attributes) expectCmk(a, attribute, value, ctx);
    return a.verdict("encrypted with a customer-managed key");
  },
};
