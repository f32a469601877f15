import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { configsFor } from "./lib/s3";
import { blocks, bool, first, str } from "./lib/values";

const PUBLIC_ACLS: ReadonlySet<string> = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PAB_FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
const PUBLIC_GRANTEES = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

/** S3BucketNotPublic: public-access block with all four flags, ACLs disabled, no public ACL anywhere. */
export const s3BucketNotPublic: Rule = {
  id: "PI-S3-001",
  title: "Buckets block public access, enforce bucket-owner ownership and have no public ACL",
  severity: "HIGH",
  resourceTypes: ["aws_s3_bucket"],
  relatedTypes: ["aws_s3_bucket_public_access_block", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_acl"],
  defaultEnabled: true,
  externalIds: {
    checkov: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "CKV_AWS_20", "CKV_AWS_57", "CKV2_AWS_65"],
    trivy: ["AWS-0086", "AWS-0087", "AWS-0091", "AWS-0092", "AWS-0093", "AWS-0094"],
    securityHub: ["S3.8", "S3.2", "S3.3", "S3.12"],
    cdkNag: ["AwsSolutions-S2"],
  },
  rationale: "Uploads and ALB logs are private; the public-access block is the guard against a later mistake.",
  check(bucket: Resource, ctx: Context): Verdict {
    const a = new Assessment();
    const pab = configsFor(bucket, "aws_s3_bucket_public_access_block", ctx)[0];
    if (!pab) a.fail(`no aws_s3_bucket_public_access_block has bucket = \${${bucket.address}.id}, expected one with all four flags true`);
    else for (const flag of PAB_FLAGS) a.expect(`${pab.address}.${flag}`, bool(pab.values[flag]), (v) => v === true, "true");
    const ownership = configsFor(bucket, "aws_s3_bucket_ownership_controls", ctx)[0];
    if (!ownership) a.fail(`no aws_s3_bucket_ownership_controls has bucket = \${${bucket.address}.id}, expected object_ownership = "BucketOwnerEnforced"`);
    else a.expect(`${ownership.address}.rule.object_ownership`, str(first(ownership.values.rule)?.object_ownership), (v) => v === "BucketOwnerEnforced", '"BucketOwnerEnforced"');
    const acls = [{ label: "acl", acl: bucket.values.acl, grants: [] as readonly unknown[] }].concat(
      configsFor(bucket, "aws_s3_bucket_acl", ctx).map((r) => ({
        label: `${r.address}.acl`,
        acl: r.values.acl,
        grants: blocks(first(r.values.access_control_policy)?.grant).flatMap((g) => blocks(g.grantee)),
      })),
    );
    for (const { label, acl, grants } of acls) {
      const value = str(acl);
      if (typeof value === "string" && PUBLIC_ACLS.has(value)) a.fail(`${label} = "${value}", expected "private" or no ACL`);
      if (grants.some((g) => PUBLIC_GRANTEES.test(JSON.stringify(g)))) a.fail(`${label}: access_control_policy grants to AllUsers or AuthenticatedUsers`);
    }
    return a.verdict("public access blocked, ACLs disabled");
  },
};
