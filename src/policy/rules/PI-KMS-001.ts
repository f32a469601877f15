import { isUnknown, type Context, type Resource, type Rule, type Value, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { isAnyone, statementsOf } from "./lib/iam";
import { bool, num, str } from "./lib/values";

/** KMSKeyHardened: rotation, an explicit policy with no unconditioned "*", a deletion window, enabled. */
export const kmsKeyHardened: Rule = {
  id: "PI-KMS-001",
  title: "Customer-managed keys rotate, have an explicit policy without public grants, and are enabled",
  severity: "HIGH",
  resourceTypes: ["aws_kms_key"],
  relatedTypes: ["aws_kms_key_policy"],
  defaultEnabled: true,
  externalIds: {
    checkov: ["CKV_AWS_7", "CKV_AWS_33", "CKV_AWS_227", "CKV2_AWS_64"],
    trivy: ["AWS-0065"],
    securityHub: ["KMS.3", "KMS.4", "KMS.5"],
    cdkNag: ["AwsSolutions-KMS5"],
  },
  rationale: "The key policy is the only gate on a CMK; a disabled or deleted key makes its data unreadable.",
  check(key: Resource, ctx: Context): Verdict {
    const v = key.values;
    const spec = str(v.customer_master_key_spec ?? v.key_spec);
    const a = new Assessment();
    if (spec === undefined || spec === "SYMMETRIC_DEFAULT")
      a.expect("enable_key_rotation", bool(v.enable_key_rotation), (x) => x === true, "true", ["CKV_AWS_7", "AWS-0065", "KMS.4", "AwsSolutions-KMS5"]);
    a.expect("deletion_window_in_days", num(v.deletion_window_in_days), (x) => x === undefined || x >= 7, "absent or at least 7", ["KMS.3"]);
    a.expect("is_enabled", bool(v.is_enabled), (x) => x !== false, "absent or true", ["CKV_AWS_227"]);
    const docs: Value[] = [
      ...(v.policy != null ? [v.policy] : []),
      ...ctx
        .resourcesOfType("aws_kms_key_policy")
        .filter((p) => ctx.refersTo(p.values.key_id, key))
        .map((p) => p.values.policy ?? null),
    ];
    if (docs.length === 0) a.fail("policy is absent and no aws_kms_key_policy references the key, expected an explicit key policy", ["CKV2_AWS_64"]);
    for (const doc of docs) {
      const statements = statementsOf(doc);
      if (isUnknown(statements)) a.unknown(`policy: ${statements.reason}`, ["CKV2_AWS_64", "CKV_AWS_33", "KMS.5"]);
      else if (statements.some((s) => s.effect === "Allow" && s.principals.some(isAnyone) && !s.hasCondition))
        a.fail('policy: an Allow statement grants to "*" without a Condition', ["CKV_AWS_33", "KMS.5"]);
    }
    return a.verdict("rotating, explicit policy, enabled");
  },
};
