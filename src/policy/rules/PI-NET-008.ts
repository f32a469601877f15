import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { SG_RULE_TYPES, sgRulesOf } from "./lib/network";
import { str } from "./lib/values";

const SG_TYPES: ReadonlySet<string> = new Set(["aws_security_group", ...SG_RULE_TYPES]);
const DESCRIBED = ["CKV_AWS_23", "AWS-0099", "AWS-0124", "AwsSolutions-EC27"];

/** SecurityGroupDescribedAndUsed: descriptions explain every opening; unattached groups are drift. */
export const securityGroupDescribedAndUsed: Rule = {
  id: "PI-NET-008",
  title: "Security groups and their rules are described, and every group is attached",
  severity: "LOW",
  resourceTypes: ["aws_security_group", ...SG_RULE_TYPES],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_23", "CKV2_AWS_5"], trivy: ["AWS-0099", "AWS-0124"], securityHub: [], cdkNag: ["AwsSolutions-EC27"] },
  rationale: "Reviewers judge an opening by its description; a group nothing uses is either drift or a mistake.",
  check(resource: Resource, ctx: Context): Verdict {
    const a = new Assessment();
    const described = (v: unknown): boolean => typeof v === "string" && v.trim() !== "";
    if (resource.type === "aws_security_group") {
      a.expect("description", str(resource.values.description), described, "a non-empty description", DESCRIBED);
      const users = ctx.referencesTo(resource).filter((r) => !SG_TYPES.has(r.type));
      if (users.length === 0)
        a.fail("no load balancer, service, database, mount target or function references this group; expected it to be attached", ["CKV2_AWS_5"]);
    }
    for (const r of sgRulesOf(resource)) {
      const label = resource.type === "aws_security_group" ? `${r.label}.description` : "description";
      a.expect(label, str(r.description), described, "a non-empty description", DESCRIBED);
    }
    return a.verdict("described and attached");
  },
};
