/**
 * A REGIONAL WAF web ACL in front of the load balancer: a per-IP rate limit and the AWS managed IP Reputation, Known
 * Bad Inputs and Common rule sets, metrics and sampled requests on, logs to a CloudWatch log group (WAF requires the
 * `aws-waf-logs-` name prefix; WAF adds the log group's resource policy itself on first delivery).
 */
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";

/** AWS managed rule groups, in evaluation order after the rate limit (cheapest and most decisive first). */
export const MANAGED_RULE_GROUPS = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet"] as const;

export interface WebFirewallProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly loadBalancerArn: string;
  /** Requests per IP address per 5 minutes before it is blocked. */
  readonly rateLimit: number;
  /** Rules of the Common rule set that only count. */
  readonly countOnlyRules: readonly string[];
  readonly logRetentionDays: number;
}

export class WebFirewall extends Construct {
  public readonly webAclArn: string;
  public readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    const metric = (name: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.prefix}-${name}`,
    });
    const rateLimit: Wafv2WebAclRule = {
      name: "rate-limit-per-ip",
      priority: 0,
      action: { block: {} },
      statement: { rate_based_statement: { limit: props.rateLimit, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
      visibilityConfig: metric("rate-limit"),
    };
    const managed: Wafv2WebAclRule[] = MANAGED_RULE_GROUPS.map((group, i) => ({
      name: group,
      priority: i + 1,
      overrideAction: { none: {} },
      statement: {
        managed_rule_group_statement: {
          vendor_name: "AWS",
          name: group,
          ...(group === "AWSManagedRulesCommonRuleSet" && props.countOnlyRules.length > 0
            ? { rule_action_override: props.countOnlyRules.map((rule) => ({ name: rule, action_to_use: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: metric(group),
    }));
    const acl = new Wafv2WebAcl(this, "web_acl", {
      name: `${props.prefix}-web-acl`,
      description: "Panintelligence load balancer: rate limit and AWS managed rule sets",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: [rateLimit, ...managed],
      visibilityConfig: metric("web-acl"),
      tags: { Name: `${props.prefix}-web-acl` },
    });
    const logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: `aws-waf-logs-${props.prefix}`,
      retentionInDays: props.logRetentionDays,
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: acl.arn,
      logDestinationConfigs: [logGroup.arn],
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.loadBalancerArn, webAclArn: acl.arn });
    this.webAclArn = acl.arn;
    this.logGroupName = logGroup.name;
  }
}
