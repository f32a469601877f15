import type { Context, Resource, Rule, Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { IDENTITY_DOCUMENT_TYPES, actionMatches, identityDocuments, readableStatements, type Statement } from "./lib/iam";
import { isMap } from "./lib/values";

/** Actions without resource-level permissions, which may (must) use `Resource: "*"`. */
const STAR_RESOURCE_ACTIONS = [
  "ecr:GetAuthorizationToken",
  "ec2:*NetworkInterface*",
  "ec2:AssignPrivateIpAddresses",
  "ec2:UnassignPrivateIpAddresses",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
  "cloudwatch:PutMetricData",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "logs:DescribeLogGroups",
  "sts:GetCallerIdentity",
  "secretsmanager:GetRandomPassword",
  "secretsmanager:ListSecrets",
  "s3:ListAllMyBuckets",
  "kms:ListAliases",
  "tag:GetResources",
];

const isStarResource = (r: string): boolean => r === "*";
const allowedOnStar = (action: string): boolean => STAR_RESOURCE_ACTIONS.some((p) => actionMatches(p, action));
const passesRole = (s: Statement): boolean => s.actions.some((x) => actionMatches(x, "iam:PassRole"));
const hasPassedToService = (s: Statement): boolean =>
  Object.values(s.conditions).some((c) => isMap(c) && Object.keys(c).some((k) => k.toLowerCase() === "iam:passedtoservice"));

/** IAMResourceScoped: `Resource "*"` only where AWS offers nothing narrower; PassRole pinned to roles and a service. */
export const iamResourceScoped: Rule = {
  id: "PI-IAM-003",
  title: 'Identity policies scope resources: "*" only for actions without resource-level support',
  severity: "MEDIUM",
  resourceTypes: IDENTITY_DOCUMENT_TYPES,
  defaultEnabled: true,
  externalIds: {
    checkov: [
      "CKV_AWS_355",
      "CKV_AWS_356",
      "CKV_AWS_286",
      "CKV_AWS_287",
      "CKV_AWS_288",
      "CKV_AWS_289",
      "CKV_AWS_290",
      "CKV_AWS_107",
      "CKV_AWS_108",
      "CKV_AWS_109",
      "CKV_AWS_110",
      "CKV_AWS_111",
    ],
    trivy: ["AWS-0342", "AWS-0346"],
    securityHub: ["KMS.1", "KMS.2"],
    cdkNag: ["AwsSolutions-IAM5"],
  },
  rationale: 'kms:Decrypt, s3:GetObject or iam:PassRole on "*" reach every key, bucket and role in the account.',
  check(resource: Resource, ctx: Context): Verdict {
    const docs = identityDocuments(resource, ctx);
    if (docs.length === 0) return notApplicable("no identity policy");
    const a = new Assessment();
    for (const { label, statements } of readableStatements(docs, a)) {
      for (const s of statements.filter((s) => s.effect === "Allow")) {
        if (s.resources.some(isStarResource)) {
          const broad = s.usesNotAction ? ["NotAction"] : s.actions.filter((x) => !allowedOnStar(x));
          if (broad.length) a.fail(`${label}: ${broad.join(", ")} on Resource "*", expected specific ARNs`);
        }
        if (passesRole(s)) {
          if (s.resources.some((r) => r.includes("*"))) a.fail(`${label}: iam:PassRole on ${JSON.stringify(s.resources)}, expected specific role ARNs`);
          if (!hasPassedToService(s)) a.fail(`${label}: iam:PassRole without an iam:PassedToService condition`);
        }
      }
    }
    return a.verdict("resources scoped");
  },
};
