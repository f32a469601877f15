import type { Resource, Rule, Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { bool, first, str } from "./lib/values";

const STRONG_KEYS: ReadonlySet<string> = new Set(["RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]);

/** ACMCertificateManaged: DNS-validated (auto-renews), replaced before destroy, strong key, CT logging on. */
export const acmCertificateManaged: Rule = {
  id: "PI-ACM-001",
  title: "Certificates are DNS-validated, created before destroy, use a strong key and CT logging",
  severity: "MEDIUM",
  resourceTypes: ["aws_acm_certificate"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_233", "CKV_AWS_234"], trivy: [], securityHub: ["ACM.2"], cdkNag: [] },
  rationale: "Email validation does not renew unattended; destroying the old certificate first takes HTTPS down.",
  check(cert: Resource): Verdict {
    const v = cert.values;
    if (v.certificate_body != null) return notApplicable("an imported certificate");
    return new Assessment()
      .expect("validation_method", str(v.validation_method), (x) => x === "DNS", '"DNS"', [])
      .expect("lifecycle.create_before_destroy", bool(first(v.lifecycle)?.create_before_destroy), (x) => x === true, "true", ["CKV_AWS_233"])
      .expect("key_algorithm", str(v.key_algorithm), (x) => x === undefined || STRONG_KEYS.has(x), "absent, RSA ≥ 2048 or EC", ["ACM.2"])
      .expect(
        "options.certificate_transparency_logging_preference",
        str(first(v.options)?.certificate_transparency_logging_preference),
        (x) => x !== "DISABLED",
        'absent or "ENABLED"',
        ["CKV_AWS_234"],
      )
      .verdict("DNS-validated, create_before_destroy, strong key");
  },
};
