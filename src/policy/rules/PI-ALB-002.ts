import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { LISTENER_TYPES } from "./lib/load-balancer";
import { str } from "./lib/values";

/**
 * Security Hub ELB.17's recommended policies (TLS 1.3 / 1.2-Res, FIPS 2023-04, PQ 2025-09). The console default
 * ELBSecurityPolicy-TLS13-1-2-2021-06 passes checkov and trivy but not ELB.17 (security-rules §7.1).
 */
export const RECOMMENDED_TLS_POLICIES: ReadonlySet<string> = new Set([
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
]);

const CERTIFICATE_TYPES: ReadonlySet<string> = new Set(["aws_acm_certificate", "aws_acm_certificate_validation"]);
/** A bring-your-own certificate: an ACM certificate ARN given literally (ACM still renews it; IAM server certs do not). */
const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/;

/** ALBListenerModernTls: an explicit recommended TLS policy and a certificate managed in the stack. */
export const albListenerModernTls: Rule = {
  id: "PI-ALB-002",
  title: "HTTPS and TLS listeners use a recommended TLS policy and an ACM certificate",
  severity: "HIGH",
  resourceTypes: [...LISTENER_TYPES],
  relatedTypes: ["aws_acm_certificate", "aws_acm_certificate_validation"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_103", "CKV2_AWS_74"], trivy: ["AWS-0047"], securityHub: ["ELB.17"], cdkNag: [] },
  rationale: "Outdated TLS policies allow TLS 1.0/1.1 and weak ciphers; the provider default policy is one of them.",
  check(listener: Resource, ctx: Context): Verdict {
    const protocol = str(listener.values.protocol);
    if (isUnknown(protocol)) return { status: "UNKNOWN", message: `protocol: ${protocol.reason}` };
    // ELB.17 judges the policy of every HTTPS (ALB) and TLS (NLB) listener
    if (protocol !== "HTTPS" && protocol !== "TLS") return notApplicable(`protocol ${protocol ?? "HTTP"} is not HTTPS or TLS`);
    const a = new Assessment().expect(
      "ssl_policy",
      str(listener.values.ssl_policy),
      (v) => v !== undefined && RECOMMENDED_TLS_POLICIES.has(v),
      '"ELBSecurityPolicy-TLS13-1-2-Res-2021-06" or another ELB.17 policy',
      ["CKV_AWS_103", "CKV2_AWS_74", "AWS-0047", "ELB.17"],
    );
    const cert = listener.values.certificate_arn;
    const ref = ctx.resolve(cert);
    // the certificate condition is ours: no external check asks for an ACM certificate
    if (ref?.resource && !CERTIFICATE_TYPES.has(ref.resource.type))
      a.fail(`certificate_arn references ${ref.resource.address}, expected an aws_acm_certificate`, []);
    else if (ref && !ref.resource) a.unknown(`certificate_arn ${JSON.stringify(cert)} cannot be resolved; expected a reference to an aws_acm_certificate`, []);
    else if (!ref && !(typeof cert === "string" && ACM_CERTIFICATE_ARN.test(cert)))
      a.fail(`certificate_arn = ${JSON.stringify(cert ?? null)}, expected an aws_acm_certificate of the stack or an ACM certificate ARN`, []);
    return a.verdict(`ssl_policy = ${JSON.stringify(listener.values.ssl_policy)} with a certificate from the stack`);
  },
};
