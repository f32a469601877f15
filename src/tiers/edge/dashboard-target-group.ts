/**
 * The dashboard's target group: Fargate task IPs on the Tomcat HTTP port, with a health check and draining tuned for
 * Tomcat. The compute tier registers its service here (`load_balancer { target_group_arn, container_port }`).
 */
import { Construct } from "constructs";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";

/** Tomcat's main HTTP port in the dashboard image (the "external" port; 28748 is the in-VPC one). */
export const DASHBOARD_PORT = 8224;

/**
 * Health check and draining, tuned for Tomcat:
 * - `GET /pi/version` → 200: the vendor's own check; it answers only once the webapp is deployed, not while Tomcat
 *   is still starting.
 * - every 15 s, 5 s timeout, healthy after 2 passes (30 s), unhealthy after 3 failures (45 s) so one long GC
 *   pause or a busy request thread does not take a task out of service. The service's
 *   `health_check_grace_period_seconds` (compute tier) covers Tomcat's start-up (≈ 60-90 s).
 * - deregistration delay 120 s: in-flight dashboard and export requests get two minutes to finish when a task is
 *   replaced or scaled in, without stretching every deployment by the full ALB idle timeout.
 * - slow start 60 s: a fresh JVM is slow until the JIT has warmed up, so its share of requests ramps up over a
 *   minute instead of arriving all at once.
 */
export const DASHBOARD_HEALTH_CHECK = {
  path: "/pi/version",
  matcher: "200",
  intervalSeconds: 15,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
  deregistrationDelaySeconds: 120,
  slowStartSeconds: 60,
} as const;

export interface DashboardTargetGroupProps {
  /** Resource-name prefix (`<project>-<environment>`, ≤ 24 characters: the name stays within 32). */
  readonly prefix: string;
  readonly vpcId: string;
  /** lb_cookie stickiness on or off. */
  readonly stickiness: boolean;
  /** Cookie lifetime in seconds. */
  readonly stickinessSeconds: number;
}

export class DashboardTargetGroup extends Construct {
  public readonly targetGroup: LbTargetGroup;
  private readonly stickinessSeconds: number;

  constructor(scope: Construct, id: string, props: DashboardTargetGroupProps) {
    super(scope, id);
    const check = DASHBOARD_HEALTH_CHECK;
    this.stickinessSeconds = props.stickinessSeconds;
    this.targetGroup = new LbTargetGroup(this, "target_group", {
      name: `${props.prefix}-dash`,
      vpcId: props.vpcId,
      targetType: "ip",
      protocol: "HTTP",
      protocolVersion: "HTTP1",
      port: DASHBOARD_PORT,
      loadBalancingAlgorithmType: "round_robin",
      deregistrationDelay: String(check.deregistrationDelaySeconds),
      slowStart: check.slowStartSeconds,
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: check.path,
        matcher: check.matcher,
        interval: check.intervalSeconds,
        timeout: check.timeoutSeconds,
        healthyThreshold: check.healthyThreshold,
        unhealthyThreshold: check.unhealthyThreshold,
      },
      stickiness: { type: "lb_cookie", enabled: props.stickiness, cookieDuration: props.stickinessSeconds },
      tags: { Name: `${props.prefix}-dash` },
    });
  }

  /** Turn lb_cookie stickiness on whatever the configuration says (more than one dashboard task). */
  public enableStickiness(): void {
    this.targetGroup.putStickiness({ type: "lb_cookie", enabled: true, cookieDuration: this.stickinessSeconds });
  }
}
