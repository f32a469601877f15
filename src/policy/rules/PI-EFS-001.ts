import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bool } from "./lib/values";

/** EFSEncrypted: the provider default is false. */
export const efsEncrypted: Rule = {
  id: "PI-EFS-001",
  title: "EFS file systems are encrypted at rest",
  severity: "HIGH",
  resourceTypes: ["aws_efs_file_system"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_42"], trivy: ["AWS-0037"], securityHub: ["EFS.1", "EFS.8"], cdkNag: ["AwsSolutions-EFS1"] },
  rationale: "EFS holds the licence keys, themes and uploaded content; encryption cannot be switched on later.",
  check(fs: Resource): Verdict {
    return new Assessment()
      .expect("encrypted", bool(fs.values.encrypted), (v) => v === true, "true (the provider default is false)")
      .verdict("encrypted = true");
  },
};
