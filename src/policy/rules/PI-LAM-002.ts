import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { checkDistinctAzs } from "./lib/subnets";
import { first, list } from "./lib/values";

/** LambdaInVpcMultiAz: in the VPC (needed for EFS) with a group and subnets in two zones. */
export const lambdaInVpcMultiAz: Rule = {
  id: "PI-LAM-002",
  title: "Lambda functions run in the VPC with a security group and subnets in two availability zones",
  severity: "LOW",
  resourceTypes: ["aws_lambda_function"],
  relatedTypes: ["aws_subnet"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_117"], trivy: [], securityHub: ["Lambda.3", "Lambda.5"], cdkNag: [] },
  rationale: "The EFS-initialising and upload Lambdas mount EFS, which is reachable only inside the VPC.",
  check(fn: Resource, ctx: Context): Verdict {
    const vpc = first(fn.values.vpc_config);
    if (!vpc) return { status: "FAIL", message: "vpc_config is absent, expected vpc_config { security_group_ids, subnet_ids }" };
    const a = new Assessment();
    if (list(vpc.security_group_ids).length === 0) a.fail("vpc_config.security_group_ids is empty, expected a security group");
    checkDistinctAzs(vpc.subnet_ids, "vpc_config.subnet_ids", ctx, a);
    return a.verdict("in the VPC across two availability zones");
  },
};
