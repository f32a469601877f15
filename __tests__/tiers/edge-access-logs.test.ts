import { Testing } from "cdktf";
import { describe, expect, test } from "vitest";
import { PanintelligenceStack } from "../../src/stack";
import type { Edge } from "../../src/tiers/edge/edge";
import { ELB_ACCOUNT_BY_REGION, ELB_LOG_DELIVERY_SERVICE, elbLogDeliveryPrincipal } from "../../src/tiers/edge/elb-log-delivery";
import { policyDocument, statement } from "../support/policy-document";
import { BASE_ENVIRONMENT, configFor, ref, resourcesOf, synthEnvironment, type TerraformJson } from "../support/synth";

/** The log bucket and the resources attached to it. */
function logBucket(json: TerraformJson) {
  const buckets = resourcesOf(json, "aws_s3_bucket").filter(([name]) => name.startsWith("edge_"));
  expect(buckets).toHaveLength(1);
  const [name, bucket] = buckets[0];
  const id = ref("aws_s3_bucket", name);
  const attached = (type: string) => {
    const found = resourcesOf(json, type).filter(([, r]) => r.bucket === id);
    expect(found, type).toHaveLength(1);
    return found[0][1];
  };
  return { name, bucket, id, arn: ref("aws_s3_bucket", name, "arn"), attached };
}

const inRegion = (region: string, extra: Record<string, unknown> = {}) => synthEnvironment({ region, ...extra }).json;

describe("Edge tier: access-log bucket", () => {
  test("named from the prefix, account and region; force-destroyed only in ephemeral", () => {
    expect(logBucket(inRegion("eu-west-2")).bucket).toMatchObject({ bucket: "pi-test-logs-123456789012-eu-west-2", force_destroy: false });
    expect(logBucket(inRegion("eu-west-2", { lifecycle: "ephemeral" })).bucket.force_destroy).toBe(true);
  });

  test("SSE-S3 (AES256), as ELB requires", () => {
    const rule = logBucket(inRegion("eu-west-2")).attached("aws_s3_bucket_server_side_encryption_configuration").rule;
    expect(rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
  });

  test("all public access blocked; ACLs disabled (bucket owner enforced)", () => {
    const { attached } = logBucket(inRegion("eu-west-2"));
    expect(attached("aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(attached("aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("logs expire after the configured days (90 by default); incomplete uploads are aborted", () => {
    const rules = (json: TerraformJson) => logBucket(json).attached("aws_s3_bucket_lifecycle_configuration").rule;
    const [rule] = rules(inRegion("eu-west-2"));
    expect(rule).toMatchObject({
      status: "Enabled",
      filter: [{}],
      expiration: [{ days: 90 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
    const custom = inRegion("eu-west-2", { edge: { ...BASE_ENVIRONMENT.edge, accessLogs: { expirationDays: 400 } } });
    expect(rules(custom)[0].expiration).toEqual([{ days: 400 }]);
  });

  test("TLS only: every non-TLS request to the bucket and its objects is denied", () => {
    const { attached, arn } = logBucket(inRegion("eu-west-2"));
    const deny = statement(policyDocument(attached("aws_s3_bucket_policy").policy), "DenyInsecureTransport");
    expect(deny).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  test("the load balancer logs into the bucket under alb/, after the bucket policy exists", () => {
    const json = inRegion("eu-west-2");
    const { id, name } = logBucket(json);
    const [[, alb]] = resourcesOf(json, "aws_lb");
    expect(alb.access_logs).toEqual({ enabled: true, bucket: id, prefix: "alb" });
    const [[policyName]] = resourcesOf(json, "aws_s3_bucket_policy").filter(([, p]) => p.bucket === ref("aws_s3_bucket", name));
    expect(alb.depends_on).toContain(`aws_s3_bucket_policy.${policyName}`);
  });
});

describe("Edge tier: log-delivery principal per region (no AWS call)", () => {
  test.each([
    ["eu-west-1", "156460612806"],
    ["us-east-1", "127311923021"],
    ["eu-west-2", "652711504416"],
    ["ap-southeast-2", "783225319266"],
  ])("%s (before August 2022): the regional ELB account %s may put objects under alb/AWSLogs/<account>/", (region, account) => {
    const { attached, arn } = logBucket(inRegion(region));
    const allow = statement(policyDocument(attached("aws_s3_bucket_policy").policy), "AlbAccessLogs");
    expect(allow).toEqual({
      Sid: "AlbAccessLogs",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: "s3:PutObject",
      Resource: `${arn}/alb/AWSLogs/123456789012/*`,
    });
  });

  test.each(["ap-southeast-4", "eu-central-2", "il-central-1", "ca-west-1"])(
    "%s (newer region): the log-delivery service principal, and no ELB account",
    (region) => {
      const { attached, arn } = logBucket(inRegion(region));
      const policy = attached("aws_s3_bucket_policy").policy as string;
      const allow = statement(policyDocument(policy), "AlbAccessLogs");
      expect(allow.Principal).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
      expect(allow.Resource).toBe(`${arn}/alb/AWSLogs/123456789012/*`);
      expect(policy).not.toMatch(/iam::\d{12}:root/);
    },
  );

  test("GovCloud and China use their partition's ARN", () => {
    expect(elbLogDeliveryPrincipal("us-gov-west-1")).toEqual({ AWS: "arn:aws-us-gov:iam::048591011584:root" });
    expect(elbLogDeliveryPrincipal("cn-north-1")).toEqual({ AWS: "arn:aws-cn:iam::638102146993:root" });
  });

  test("the table: 12-digit accounts, distinct, valid region names; unknown regions fall back to the service", () => {
    const accounts = Object.values(ELB_ACCOUNT_BY_REGION);
    for (const account of accounts) expect(account).toMatch(/^\d{12}$/);
    expect(new Set(accounts).size).toBe(accounts.length);
    for (const region of Object.keys(ELB_ACCOUNT_BY_REGION)) expect(region).toMatch(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/);
    expect(elbLogDeliveryPrincipal("mx-central-1")).toEqual({ Service: ELB_LOG_DELIVERY_SERVICE });
  });
});

describe("Edge tier: S3 server access logging hook", () => {
  test("without a registered source bucket there is no statement for logging.s3.amazonaws.com", () => {
    // The upload bucket registers itself: switch it off to see the bare policy.
    const { attached } = logBucket(inRegion("eu-west-2", { uploads: { enabled: false } }));
    expect(policyDocument(attached("aws_s3_bucket_policy").policy).Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "AlbAccessLogs"]);
  });

  test("serverAccessLogTarget grants S3 logging from that bucket of this account, under s3-access/<folder>/", () => {
    const config = configFor({ edge: BASE_ENVIRONMENT.edge, uploads: { enabled: false } });
    const stack = new PanintelligenceStack(Testing.app(), config.name, { config });
    const edge = stack.tiers.get("edge") as Edge;
    const target = edge.logBucket.serverAccessLogTarget("arn:aws:s3:::pi-test-uploads", "uploads");
    expect(target.targetPrefix).toBe("s3-access/uploads/");
    expect(() => edge.logBucket.serverAccessLogTarget("arn:aws:s3:::x", "Not Valid")).toThrow(/short lower-case name/);
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    const { attached, arn, id } = logBucket(json);
    expect(target.targetBucket).toBeDefined();
    const grant = statement(policyDocument(attached("aws_s3_bucket_policy").policy), "S3ServerAccessLogs");
    expect(grant).toEqual({
      Sid: "S3ServerAccessLogs",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${arn}/s3-access/*`,
      Condition: {
        StringEquals: { "aws:SourceAccount": "123456789012" },
        ArnLike: { "aws:SourceArn": ["arn:aws:s3:::pi-test-uploads"] },
      },
    });
    expect(id).toMatch(/aws_s3_bucket\.edge_/);
  });
});
