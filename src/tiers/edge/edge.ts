/**
 * Edge tier: the Application Load Balancer in the public subnets with its security group, HTTPS (approved TLS policy)
 * and an HTTP → HTTPS redirect, a host rule that forwards the dashboard's names to the dashboard target group
 * (anything else gets a 404), the certificate (new ACM or your own), Route 53 aliases, the access-log bucket, the
 * optional WAF and the load-balancer alarms.
 *
 * The compute tier plugs in through `allowToService` (security groups), `dashboardTargetGroupArn` (its service's
 * `load_balancer`), `dashboardRoute` (what the service must depend on) and `enableStickiness` (more than one task).
 */
import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import type { AlarmsConfig } from "../../config/schema/alarms";
import type { ResolvedEdge } from "../../config/schema/edge";
import { AlbAlarms } from "./alb-alarms";
import { AlbSecurityGroup } from "./alb-security-group";
import { Certificate } from "./certificate";
import { DASHBOARD_PORT, DashboardTargetGroup } from "./dashboard-target-group";
import { DnsAliases } from "./dns";
import { ALB_LOG_PREFIX, AccessLogBucket } from "./log-bucket";
import { WebFirewall } from "./waf";

/** Priority of the dashboard's host-header rule on the HTTPS listener (room below for rules that must win). */
export const DASHBOARD_RULE_PRIORITY = 100;

export interface EdgeProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  /** `protect`: deletion protection on the load balancer, log bucket kept on destroy. */
  readonly lifecycle: "protect" | "ephemeral";
  readonly vpcId: string;
  /** Public subnets in two or more zones: the load balancer's nodes. */
  readonly publicSubnetIds: readonly string[];
  /** The resolved `edge` section of the environment. */
  readonly edge: ResolvedEdge;
  /** Retention of the WAF log group, in days. */
  readonly logRetentionDays: number;
  /** Topic the load-balancer alarms notify. */
  readonly alarmTopicArn: string;
  /** Thresholds of the load-balancer alarms. */
  readonly alarmThresholds: AlarmsConfig["alb"];
  /**
   * Override the configured stickiness (`edge.stickiness.enabled`), e.g. when the stack knows the dashboard scales
   * past one task. The compute tier can also call `enableStickiness()`.
   * @default edge.stickiness.enabled
   */
  readonly stickiness?: boolean;
}

export class Edge extends Construct {
  public readonly loadBalancerArn: string;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of AWS/ApplicationELB metrics. */
  public readonly loadBalancerArnSuffix: string;
  public readonly loadBalancerDnsName: string;
  public readonly loadBalancerZoneId: string;
  /** The load balancer's security group (services open to it through `allowToService`). */
  public readonly securityGroupId: string;
  /** Target group for the dashboard service's `load_balancer` block (container port `dashboardPort`). */
  public readonly dashboardTargetGroupArn: string;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension, and the ALBRequestCountPerTarget resource label part. */
  public readonly dashboardTargetGroupArnSuffix: string;
  /** Container port the dashboard target group sends to. */
  public readonly dashboardPort = DASHBOARD_PORT;
  /**
   * `<alb arn_suffix>/<target group arn_suffix>`: the `resource_label` of an ALBRequestCountPerTarget scaling policy.
   */
  public readonly dashboardRequestCountResourceLabel: string;
  /** What an ECS service behind the target group must depend on: the group is attached to the HTTPS listener. */
  public readonly dashboardRoute: ITerraformDependable;
  public readonly certificateArn: string;
  /** https://<domainName>/pi */
  public readonly dashboardUrl: string;
  /** The access-log bucket (name, ARN, and the server-access-logging hook for other buckets). */
  public readonly logBucket: AccessLogBucket;
  /** Name of the WAF log group, when the WAF is enabled. */
  public readonly wafLogGroupName?: string;

  private readonly securityGroup: AlbSecurityGroup;
  private readonly targetGroup: DashboardTargetGroup;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const { prefix, edge } = props;

    this.logBucket = new AccessLogBucket(this, "access_logs", {
      prefix,
      region: props.region,
      accountId: props.accountId,
      expirationDays: edge.accessLogs.expirationDays,
      forceDestroy: props.lifecycle === "ephemeral",
    });
    this.securityGroup = new AlbSecurityGroup(this, "security_group", {
      prefix,
      vpcId: props.vpcId,
      ipv4Cidrs: edge.ingressCidrs.ipv4,
      ipv6Cidrs: edge.ingressCidrs.ipv6,
    });

    const alb = new Lb(this, "alb", {
      name: `${prefix}-alb`,
      loadBalancerType: "application",
      internal: edge.scheme === "internal",
      ipAddressType: edge.ipAddressType,
      subnets: [...props.publicSubnetIds],
      securityGroups: [this.securityGroup.securityGroupId],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "defensive",
      idleTimeout: edge.idleTimeoutSeconds,
      enableHttp2: true,
      enableDeletionProtection: props.lifecycle === "protect",
      accessLogs: { enabled: true, bucket: this.logBucket.bucketName, prefix: ALB_LOG_PREFIX },
      // ELB tests write access to the bucket when logging is switched on.
      dependsOn: [this.logBucket.policy],
      tags: { Name: `${prefix}-alb` },
    });

    this.targetGroup = new DashboardTargetGroup(this, "dashboard", {
      prefix,
      vpcId: props.vpcId,
      stickiness: props.stickiness ?? edge.stickiness.enabled,
      stickinessSeconds: edge.stickiness.durationSeconds,
    });
    const targetGroup = this.targetGroup.targetGroup;

    const certificate = new Certificate(this, "certificate", {
      prefix,
      domainName: edge.domainName,
      subjectAlternativeNames: edge.subjectAlternativeNames,
      hostedZoneId: edge.hostedZoneId,
      existingCertificateArn: edge.certificateArn,
    });

    new LbListener(this, "http", {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      tags: { Name: `${prefix}-http` },
    });
    const https = new LbListener(this, "https", {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: edge.tlsPolicy,
      certificateArn: certificate.certificateArn,
      // Unknown host names (scanners, stale DNS) get a 404, never the dashboard.
      defaultAction: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } }],
      ...(certificate.issued.length > 0 ? { dependsOn: certificate.issued } : {}),
      tags: { Name: `${prefix}-https` },
    });
    this.dashboardRoute = new LbListenerRule(this, "dashboard_rule", {
      listenerArn: https.arn,
      priority: DASHBOARD_RULE_PRIORITY,
      condition: [{ hostHeader: { values: [edge.domainName, ...edge.subjectAlternativeNames] } }],
      action: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      tags: { Name: `${prefix}-dashboard` },
    });

    new DnsAliases(this, "dns", {
      hostedZoneId: edge.hostedZoneId,
      names: [edge.domainName, ...edge.subjectAlternativeNames],
      loadBalancerDnsName: alb.dnsName,
      loadBalancerZoneId: alb.zoneId,
      ipv6: edge.ipAddressType === "dualstack",
    });

    if (edge.waf.enabled) {
      const waf = new WebFirewall(this, "waf", {
        prefix,
        loadBalancerArn: alb.arn,
        rateLimit: edge.waf.rateLimit,
        countOnlyRules: edge.waf.countOnlyRules,
        logRetentionDays: props.logRetentionDays,
      });
      this.wafLogGroupName = waf.logGroupName;
    }

    new AlbAlarms(this, "alarms", {
      prefix,
      loadBalancerArnSuffix: alb.arnSuffix,
      targetGroupArnSuffix: targetGroup.arnSuffix,
      topicArn: props.alarmTopicArn,
      thresholds: props.alarmThresholds,
    });

    this.loadBalancerArn = alb.arn;
    this.loadBalancerArnSuffix = alb.arnSuffix;
    this.loadBalancerDnsName = alb.dnsName;
    this.loadBalancerZoneId = alb.zoneId;
    this.securityGroupId = this.securityGroup.securityGroupId;
    this.dashboardTargetGroupArn = targetGroup.arn;
    this.dashboardTargetGroupArnSuffix = targetGroup.arnSuffix;
    this.dashboardRequestCountResourceLabel = `${alb.arnSuffix}/${targetGroup.arnSuffix}`;
    this.certificateArn = certificate.certificateArn;
    this.dashboardUrl = `https://${edge.domainName}/pi`;
  }

  /**
   * Lets the load balancer reach a service's tasks: egress from the load balancer's group to `securityGroupId` on
   * `port`, and ingress to `securityGroupId` from the load balancer's group on `port`.
   * @param description what the service is, e.g. "dashboard HTTP 8224" (unique per port)
   */
  public allowToService(securityGroupId: string, port: number, description: string): void {
    this.securityGroup.allowToService(securityGroupId, port, description);
  }

  /** Forces lb_cookie stickiness on the dashboard target group (call when the dashboard can run more than one task). */
  public enableStickiness(): void {
    this.targetGroup.enableStickiness();
  }
}
