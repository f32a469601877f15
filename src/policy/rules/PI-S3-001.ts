import type { Context, Resource, Rule, ValueMap, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { configsFor } from "./lib/s3";
import { blocks, bool, first, str } from "./lib/values";

/** Public canned ACLs and what they open: read (CKV_AWS_20) and write (CKV_AWS_57). "website" is a legacy spelling of public-read. */
const PUBLIC_ACLS: ReadonlyMap<string, readonly string[]> = new Map([
  ["public-read", ["CKV_AWS_20"]],
  ["public-read-write", ["CKV_AWS_20", "CKV_AWS_57"]],
  ["authenticated-read", ["CKV_AWS_20"]],
  ["website", ["CKV_AWS_20"]],
]);
/** The four public-access-block flags and the checks that cover each (CKV2_AWS_6 asks for the first two). */
const PAB_FLAGS: readonly (readonly [string, readonly string[]])[] = [
  ["block_public_acls", ["CKV2_AWS_6", "CKV_AWS_53", "S3.8"]],
  ["block_public_policy", ["CKV2_AWS_6", "CKV_AWS_54", "S3.8"]],
  ["ignore_public_acls", ["CKV_AWS_55", "S3.8"]],
  ["restrict_public_buckets", ["CKV_AWS_56", "S3.8"]],
];
const PUBLIC_GRANTEES = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;
/** A grant's permission: reading is CKV_AWS_20, writing CKV_AWS_57, full control both. */
const GRANT_REFS: Readonly<Record<string, readonly string[]>> = {
  READ: ["CKV_AWS_20"],
  READ_ACP: ["CKV_AWS_20"],
  WRITE: ["CKV_AWS_57"],
  WRITE_ACP: ["CKV_AWS_57"],
  FULL_CONTROL: ["CKV_AWS_20", "CKV_AWS_57"],
};

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
    if (!pab)
      a.fail(`no aws_s3_bucket_public_access_block has bucket = \${${bucket.address}.id}, expected one with all four flags true`, [
        ...new Set(PAB_FLAGS.flatMap(([, refs]) => refs)),
      ]);
    else for (const [flag, refs] of PAB_FLAGS) a.expect(`${pab.address}.${flag}`, bool(pab.values[flag]), (v) => v === true, "true", refs);
    const ownership = configsFor(bucket, "aws_s3_bucket_ownership_controls", ctx)[0];
    const ownershipRefs = ["CKV2_AWS_65", "S3.12"];
    if (!ownership)
      a.fail(`no aws_s3_bucket_ownership_controls has bucket = \${${bucket.address}.id}, expected object_ownership = "BucketOwnerEnforced"`, ownershipRefs);
    else
      a.expect(
        `${ownership.address}.rule.object_ownership`,
        str(first(ownership.values.rule)?.object_ownership),
        (v) => v === "BucketOwnerEnforced",
        '"BucketOwnerEnforced"',
        ownershipRefs,
      );
    const acls = [{ label: "acl", acl: bucket.values.acl, grants: [] as readonly ValueMap[] }].concat(
      configsFor(bucket, "aws_s3_bucket_acl", ctx).map((r) => ({
        label: `${r.address}.acl`,
        acl: r.values.acl,
        grants: blocks(first(r.values.access_control_policy)?.grant),
      })),
    );
    for (const { label, acl, grants } of acls) {
      const value = str(acl);
      const refs = typeof value === "string" ? PUBLIC_ACLS.get(value) : undefined;
      if (refs) a.fail(`${label} = "${value}", expected "private" or no ACL`, [...refs, "S3.2", "S3.3"]);
      for (const grant of grants.filter((g) => blocks(g.grantee).some((x) => PUBLIC_GRANTEES.test(JSON.stringify(x))))) {
        const permission = str(grant.permission);
        a.fail(`${label}: access_control_policy grants ${JSON.stringify(grant.permission ?? null)} to AllUsers or AuthenticatedUsers`, [
          ...(typeof permission === "string" ? (GRANT_REFS[permission] ?? []) : ["CKV_AWS_20", "CKV_AWS_57"]),
          "S3.2",
          "S3.3",
        ]);
      }
    }
    return a.verdict("public access blocked, ACLs disabled");
  },
};
