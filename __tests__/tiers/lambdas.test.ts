import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { blocks, ref, resourcesOf, synthEnvironment, type TerraformJson } from "../support/synth";

const byName = (json: TerraformJson, type: string, suffix: string) => {
  const found = resourcesOf(json, type).find(([, r]) => String(r.function_name ?? r.name ?? r.bucket ?? "").endsWith(suffix));
  if (!found) throw new Error(`no ${type} named *${suffix}`);
  return found;
};

function seedFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "pi-seed-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe("EFS initialiser", () => {
  const { json } = synthEnvironment();
  const [fnName, fn] = byName(json, "aws_lambda_function", "-efs-init");

  test("a VPC function on nodejs22.x in two app subnets, mounting the parent access point, sized for the work", () => {
    const appSubnets = json.output?.app_subnet_ids.value;
    expect(fn).toMatchObject({
      runtime: "nodejs22.x",
      handler: "index.handler",
      timeout: 300,
      memory_size: 512,
      vpc_config: expect.objectContaining({ subnet_ids: appSubnets }),
    });
    expect((fn.vpc_config.subnet_ids as string[]).length).toBeGreaterThanOrEqual(2);
    const [fileSystemConfig] = blocks(fn.file_system_config);
    expect(fileSystemConfig.local_mount_path).toBe("/mnt/efs");
    const [apName] = resourcesOf(json, "aws_efs_access_point").find(([, ap]) => blocks(ap.root_directory)[0].path === "/panintelligence")!;
    expect(fileSystemConfig.arn).toBe(ref("aws_efs_access_point", apName, "arn"));
    expect(fn.filename).toMatch(/^assets\/.*\/efs-initialiser\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  test("tells the handler the directories, their owner and modes; keys is owner-only", () => {
    expect(fn.environment.variables).toEqual({
      PI_EFS_MOUNT_PATH: "/mnt/efs",
      PI_EFS_DIRECTORIES: "themes,images,files,svg,locale,custom_jdbc,keys:0700,excel-data",
      PI_EFS_DIR_MODE: "0750",
      PI_EFS_UID: "1000",
      PI_EFS_GID: "1000",
      PI_LOCK_STALE_SECONDS: "300",
    });
  });

  test("runs once through aws_lambda_invocation, after the function and the mount targets, re-run only by seed or layout", () => {
    const [[, invocation]] = resourcesOf(json, "aws_lambda_invocation");
    expect(invocation.function_name).toBe(ref("aws_lambda_function", fnName, "function_name"));
    expect(Object.keys(invocation.triggers).sort()).toEqual(["layout", "seed"]);
    expect(invocation.depends_on).toContain(`aws_lambda_function.${fnName}`);
    // the mount targets are one counted resource: depending on it waits for every instance
    expect(fn.depends_on.filter((d: string) => d.startsWith("aws_efs_mount_target.")).length).toBe(1);
    expect(json.output?.efs_initialiser_result.value).toMatch(/jsondecode\(aws_lambda_invocation\..*\.result\)/);
  });

  test("a seed changes the seed trigger; the same seed gives the same trigger", () => {
    const seedA = seedFolder({ "themes/pi/theme.css": "body{}" });
    const seedB = seedFolder({ "themes/pi/theme.css": "body{color:red}" });
    const trigger = (seedDir: string) => resourcesOf(synthEnvironment({ initialiser: { seedDir } }).json, "aws_lambda_invocation")[0][1].triggers;
    const none = resourcesOf(json, "aws_lambda_invocation")[0][1].triggers;
    expect(trigger(seedA).seed).not.toBe(none.seed);
    expect(trigger(seedA).seed).not.toBe(trigger(seedB).seed);
    expect(trigger(seedA)).toEqual(trigger(seedFolder({ "themes/pi/theme.css": "body{}" })));
    expect(trigger(seedA).layout).toBe(none.layout);
  });

  test("its role: Lambda service of this account only; EFS mount only through its access point; no wildcard actions", () => {
    const [, role] = byName(json, "aws_iam_role", "-efs-init");
    expect(role.assume_role_policy).toContain('"Service" = "lambda.amazonaws.com"');
    expect(role.assume_role_policy).toContain('"aws:SourceAccount" = "123456789012"');
    const [, policy] = resourcesOf(json, "aws_iam_role_policy").find(([, p]) => p.role === ref("aws_iam_role", byName(json, "aws_iam_role", "-efs-init")[0]))!;
    expect(policy.policy).toContain('"elasticfilesystem:AccessPointArn"');
    expect(policy.policy).not.toMatch(/"Action" = "\*"|"[a-z0-9-]+:\*"/);
  });

  test("its own security group reaches EFS on 2049 only, and the EFS group admits it", () => {
    const [sgName] = byName(json, "aws_security_group", "-efs-init");
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule").filter(([, r]) => r.security_group_id === ref("aws_security_group", sgName));
    expect(egress.map(([, r]) => [r.from_port, r.to_port, r.cidr_ipv4 ?? "sg"])).toEqual([[2049, 2049, "sg"]]);
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter(
      ([, r]) => r.referenced_security_group_id === ref("aws_security_group", sgName),
    );
    expect(ingress.map(([, r]) => r.from_port)).toEqual([2049]);
  });

  test("logs to its own group with the environment's retention", () => {
    const [, logGroup] = byName(json, "aws_cloudwatch_log_group", "-efs-init");
    expect(logGroup.retention_in_days).toBe(365);
  });
});

describe("S3 upload sync", () => {
  const { json } = synthEnvironment();
  const [bucketName] = byName(json, "aws_s3_bucket", "-uploads-123456789012-eu-west-2");
  const bucketRef = (attr = "id") => ref("aws_s3_bucket", bucketName, attr);
  const forBucket = (type: string) => resourcesOf(json, type).filter(([, r]) => r.bucket === bucketRef() || r.bucket === bucketRef("bucket"));

  test("the bucket is private, owner-enforced, KMS-encrypted with a bucket key, versioned and TLS-only", () => {
    expect(forBucket("aws_s3_bucket_public_access_block").map(([, r]) => r)).toEqual([
      expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
    ]);
    expect(blocks(forBucket("aws_s3_bucket_ownership_controls")[0][1].rule)[0].object_ownership).toBe("BucketOwnerEnforced");
    const [sse] = blocks(forBucket("aws_s3_bucket_server_side_encryption_configuration")[0][1].rule);
    expect(sse).toMatchObject({ bucket_key_enabled: true });
    expect(blocks(sse.apply_server_side_encryption_by_default)[0].sse_algorithm).toBe("aws:kms");
    expect(blocks(forBucket("aws_s3_bucket_versioning")[0][1].versioning_configuration)[0].status).toBe("Enabled");
    const policy = forBucket("aws_s3_bucket_policy")[0][1].policy as string;
    expect(policy).toContain('"aws:SecureTransport" = "false"');
    expect(policy).toContain('"Effect" = "Deny"');
  });

  test("lifecycle aborts incomplete uploads and expires old versions; access logs go to the log bucket", () => {
    const rules = blocks(forBucket("aws_s3_bucket_lifecycle_configuration")[0][1].rule);
    expect(rules.map((r) => r.status)).toEqual(["Enabled", "Enabled"]);
    expect(blocks(rules[0].abort_incomplete_multipart_upload)[0].days_after_initiation).toBe(7);
    expect(blocks(rules[1].noncurrent_version_expiration)[0].noncurrent_days).toBe(30);
    const [, logging] = forBucket("aws_s3_bucket_logging")[0];
    expect(logging.target_bucket).toMatch(/aws_s3_bucket\.edge_access_logs/);
    expect(logging.target_prefix).toMatch(/uploads/);
  });

  test("notifies the function of creates and removals under each allowed prefix, never keys/", () => {
    const [, notification] = resourcesOf(json, "aws_s3_bucket_notification")[0];
    const targets = blocks(notification.lambda_function);
    expect(targets.map((t) => t.filter_prefix)).toEqual(["images/", "themes/", "files/", "svg/", "locale/", "custom_jdbc/"]);
    for (const target of targets) expect(target.events).toEqual(["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]);
  });

  test("only S3, for this bucket and account, may invoke the function", () => {
    const [[, permission]] = resourcesOf(json, "aws_lambda_permission");
    expect(permission).toMatchObject({ principal: "s3.amazonaws.com", source_arn: bucketRef("arn"), source_account: "123456789012" });
  });

  test("failed events go to an encrypted dead-letter queue the function may write to", () => {
    const [queueName, queue] = resourcesOf(json, "aws_sqs_queue")[0];
    expect(queue.sqs_managed_sse_enabled).toBe(true);
    const [, fn] = byName(json, "aws_lambda_function", "-upload-sync");
    expect(blocks(fn.dead_letter_config)[0].target_arn).toBe(ref("aws_sqs_queue", queueName, "arn"));
    const [roleName] = byName(json, "aws_iam_role", "-upload-sync");
    const [, policy] = resourcesOf(json, "aws_iam_role_policy").find(([, p]) => p.role === ref("aws_iam_role", roleName))!;
    expect(policy.policy).toContain('"sqs:SendMessage"');
    expect(policy.policy).toContain('"s3:GetObject"');
    expect(policy.policy).toMatch(/"Action" = "s3:ListBucket", "Resource" = aws_s3_bucket\.\w+\.arn\}/);
    expect(fn.environment.variables.PI_SYNC_ALLOWED_PREFIXES).toBe("images,themes,files,svg,locale,custom_jdbc");
  });

  test("may reach S3 over HTTPS and EFS over NFS, nothing else", () => {
    const [sgName] = byName(json, "aws_security_group", "-upload-sync");
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule")
      .filter(([, r]) => r.security_group_id === ref("aws_security_group", sgName))
      .map(([, r]) => [r.ip_protocol, r.from_port, r.to_port]);
    expect(egress.sort()).toEqual([
      ["tcp", 2049, 2049],
      ["tcp", 443, 443],
    ]);
  });

  test("switched off: no bucket, no function, no queue", () => {
    const off = synthEnvironment({ uploads: { enabled: false } }).json;
    expect(resourcesOf(off, "aws_lambda_function").map(([, f]) => f.function_name)).toEqual(["pi-test-efs-init"]);
    expect(resourcesOf(off, "aws_sqs_queue")).toEqual([]);
    expect(off.output?.upload_bucket_name).toBeUndefined();
  });
});
