import { isUnknown, type Context, type Resource, type Rule, type Value, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { isAnyone, statementsOf, type Statement } from "./lib/iam";
import { bucketOf, configsFor, isAlbLogBucket } from "./lib/s3";
import { list, str } from "./lib/values";

/**
 * The regional Elastic Load Balancing accounts that deliver ALB access logs in regions opened before August 2022;
 * the ALB log bucket's policy must allow them (AWS ELB docs, "enable-access-logging"), so they are not cross-account
 * grants in the sense of this rule.
 */
const ELB_LOG_DELIVERY_ACCOUNTS: ReadonlySet<string> = new Set([
  "127311923021",
  "033677994240",
  "027434742980",
  "797873946194",
  "098369216593",
  "985666609251",
  "054676820928",
  "156460612806",
  "652711504416",
  "635631232127",
  "009996457667",
  "897822967062",
  "754344448648",
  "582318560864",
  "600734575887",
  "383597477331",
  "114774131450",
  "783225319266",
  "718504428378",
  "076674570225",
  "507241528517",
  "048591011584",
  "190560391635",
  "638102146993",
  "037604701340",
]);

const denies = (s: Statement): boolean => s.effect === "Deny" && s.actions.some((x) => x === "s3:*" || x === "*") && s.principals.some(isAnyone);

function deniesInsecureTransport(s: Statement): boolean {
  const bool = s.conditions.Bool;
  const value = bool && typeof bool === "object" && !Array.isArray(bool) ? (bool as Record<string, Value>)["aws:SecureTransport"] : undefined;
  return denies(s) && list(value).some((v) => v === false || v === "false");
}

/** Resource strings that name the bucket and its objects: references to its ARN, or the literal ARN. */
function covers(s: Statement, bucket: Resource, suffix: string): boolean {
  const name = str(bucket.values.bucket);
  return s.resources.some((r) => r === `\${${bucket.address}.arn}${suffix}` || (typeof name === "string" && r === `arn:aws:s3:::${name}${suffix}`));
}

/** The account a literal AWS principal belongs to, if it is one. */
const accountOf = (id: string): string | undefined => /^(?:arn:aws[\w-]*:iam::)?(\d{12})(?::|$)/.exec(id)?.[1];

/**
 * The findings one policy document gives: an Allow to anyone without a restricting Condition (CKV_AWS_70), a
 * cross-account Allow (S3.6), and a Deny of everything to everyone without a Condition, which locks the account out of
 * its own bucket (CKV_AWS_93).
 */
function judgeDocument(label: string, statements: readonly Statement[], logBucket: boolean, a: Assessment): void {
  for (const s of statements.filter((s) => s.effect === "Allow")) {
    if (s.principals.some(isAnyone) && !s.hasRestrictingCondition)
      a.fail(`${label}: an Allow statement grants ${JSON.stringify(s.actions)} to "*" without a restricting Condition`, ["CKV_AWS_70"]);
    for (const p of s.principals.filter((p) => p.type === "AWS")) {
      const account = accountOf(p.id);
      if (account && !(logBucket && ELB_LOG_DELIVERY_ACCOUNTS.has(account)))
        a.fail(`${label}: an Allow statement grants to account ${account}, expected no cross-account principals`, ["S3.6"]);
    }
  }
  if (statements.some((s) => denies(s) && !s.usesNotAction && !s.hasCondition))
    a.fail(`${label}: a Deny of s3:* to "*" without a Condition locks every principal (the account too) out of the bucket`, ["CKV_AWS_93"]);
}

/** An aws_s3_bucket_policy on its own: its document's findings (the TLS Deny is judged on the bucket). */
function judgePolicyResource(policy: Resource, ctx: Context): Verdict {
  const statements = statementsOf(policy.values.policy ?? null);
  if (isUnknown(statements)) return { status: "UNKNOWN", message: `policy: ${statements.reason}` };
  const bucket = bucketOf(policy.values.bucket, ctx);
  const a = new Assessment();
  judgeDocument("policy", statements, !!bucket && isAlbLogBucket(bucket, ctx), a);
  return a.verdict("no public, cross-account or lockout statement");
}

/** S3BucketPolicyEnforcesTls: TLS-only, nothing public, nothing cross-account. */
export const s3BucketPolicyEnforcesTls: Rule = {
  id: "PI-S3-002",
  title: "Bucket policies deny non-TLS access and grant nothing public or cross-account",
  severity: "HIGH",
  resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_policy"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_70", "CKV_AWS_93"], trivy: [], securityHub: ["S3.5", "S3.6"], cdkNag: ["AwsSolutions-S10"] },
  rationale: "A TLS-deny statement is the only way to stop clear-text S3 requests; public or foreign principals leak data.",
  check(bucket: Resource, ctx: Context): Verdict {
    if (bucket.type === "aws_s3_bucket_policy") return judgePolicyResource(bucket, ctx);
    const docs: { readonly label: string; readonly doc: Value }[] = configsFor(bucket, "aws_s3_bucket_policy", ctx).map((p) => ({
      label: p.address,
      doc: p.values.policy ?? null,
    }));
    if (bucket.values.policy != null) docs.push({ label: "policy", doc: bucket.values.policy });
    const tlsRefs = ["S3.5", "AwsSolutions-S10"];
    if (docs.length === 0)
      return {
        status: "FAIL",
        message: `no aws_s3_bucket_policy has bucket = \${${bucket.address}.id}; expected one denying s3:* when aws:SecureTransport is false`,
        findings: [{ status: "FAIL", message: "no bucket policy", refs: tlsRefs }],
      };
    const a = new Assessment();
    const all: Statement[] = [];
    let unreadable = 0;
    const logBucket = isAlbLogBucket(bucket, ctx);
    for (const { label, doc } of docs) {
      const statements = statementsOf(doc);
      if (isUnknown(statements)) {
        unreadable += 1;
        a.unknown(`${label}.policy: ${statements.reason}`);
      } else {
        all.push(...statements);
        judgeDocument(label, statements, logBucket, a);
      }
    }
    const tls = all.filter(deniesInsecureTransport);
    // an unreadable document may hold the TLS Deny: that stays unknown
    if (tls.length === 0 && unreadable === 0) a.fail('no Deny of s3:* for Principal "*" with Condition Bool aws:SecureTransport = false', tlsRefs);
    else if (tls.length && (!tls.some((s) => covers(s, bucket, "")) || !tls.some((s) => covers(s, bucket, "/*"))))
      a.fail(`the TLS Deny must cover both \${${bucket.address}.arn} and \${${bucket.address}.arn}/*`, tlsRefs);
    return a.verdict("TLS enforced; no public or cross-account grants");
  },
};
