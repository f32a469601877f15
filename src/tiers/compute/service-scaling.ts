/**
 * Application Auto Scaling for one ECS service: target tracking on average CPU (never memory: Tomcat's heap never
 * shrinks, so a memory target would scale out and never back in), optionally on ALB requests per target, a long
 * scale-in cooldown, and optional office-hours scheduled min/max.
 */
import { Construct } from "constructs";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import type { EcsService } from "@cdktf/provider-aws/lib/ecs-service";

export interface ServiceScalingProps {
  /** Policy names start with it (`<prefix>-<service>`). */
  readonly name: string;
  readonly clusterName: string;
  readonly service: EcsService;
  readonly min: number;
  readonly max: number;
  readonly cpuTargetPercent: number;
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  /** ALBRequestCountPerTarget goal and the `<alb suffix>/<target group suffix>` label. @default CPU only */
  readonly requestsPerTarget?: { readonly target: number; readonly resourceLabel: string };
  /** Office-hours schedule. @default none */
  readonly officeHours?: {
    readonly timezone: string;
    readonly scaleUp: string;
    readonly scaleDown: string;
    readonly min: number;
    readonly max: number;
  };
}

export class ServiceScaling extends Construct {
  public readonly resourceId: string;

  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    const target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${props.service.name}`,
      minCapacity: props.min,
      maxCapacity: props.max,
      dependsOn: [props.service],
    });
    const tracking = (metric: string, value: number, resourceLabel?: string) => ({
      targetValue: value,
      scaleInCooldown: props.scaleInCooldownSeconds,
      scaleOutCooldown: props.scaleOutCooldownSeconds,
      disableScaleIn: false,
      predefinedMetricSpecification: { predefinedMetricType: metric, ...(resourceLabel ? { resourceLabel } : {}) },
    });
    new AppautoscalingPolicy(this, "cpu", {
      name: `${props.name}-cpu`,
      policyType: "TargetTrackingScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: tracking("ECSServiceAverageCPUUtilization", props.cpuTargetPercent),
    });
    if (props.requestsPerTarget) {
      new AppautoscalingPolicy(this, "requests", {
        name: `${props.name}-requests`,
        policyType: "TargetTrackingScaling",
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: tracking("ALBRequestCountPerTarget", props.requestsPerTarget.target, props.requestsPerTarget.resourceLabel),
      });
    }
    if (props.officeHours) {
      const hours = props.officeHours;
      const scheduled = (sid: string, schedule: string, min: number, max: number) =>
        new AppautoscalingScheduledAction(this, sid, {
          name: `${props.name}-${sid.replace(/_/g, "-")}`,
          serviceNamespace: target.serviceNamespace,
          scalableDimension: target.scalableDimension,
          resourceId: target.resourceId,
          schedule,
          timezone: hours.timezone,
          scalableTargetAction: { minCapacity: String(min), maxCapacity: String(max) },
        });
      scheduled("office_hours", hours.scaleUp, hours.min, hours.max);
      scheduled("after_hours", hours.scaleDown, props.min, props.max);
    }
    this.resourceId = target.resourceId;
  }
}
