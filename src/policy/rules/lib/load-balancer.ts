/** Load-balancer facts several rules share. */
import { Unknown, isUnknown, type Context, type Resource } from "../../model";
import { str } from "./values";

/** `aws_alb*` are the provider's aliases of `aws_lb*`: rules judge both. */
export const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"] as const;
export const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"] as const;
export const TARGET_GROUP_TYPES = ["aws_lb_target_group", "aws_alb_target_group"] as const;

export const isLoadBalancer = (r: Resource | undefined): r is Resource => !!r && (LOAD_BALANCER_TYPES as readonly string[]).includes(r.type);

/** Every load balancer of the stack, either spelling. */
export const loadBalancersOf = (ctx: Context): readonly Resource[] => LOAD_BALANCER_TYPES.flatMap((t) => ctx.resourcesOfType(t));

/** "application" (the default), "network" or "gateway"; Unknown for an expression. */
export function loadBalancerType(lb: Resource): string | Unknown {
  const type = str(lb.values.load_balancer_type);
  if (isUnknown(type)) return type;
  // a value the provider rejects names no kind of load balancer: the engine does not guess one
  if (type !== undefined && !["application", "network", "gateway"].includes(type))
    return new Unknown(`load_balancer_type = "${type}" is not application, network or gateway`);
  return type ?? "application";
}

/** The aws_lb a listener belongs to, when it resolves. */
export const listenerLoadBalancer = (listener: Resource, ctx: Context): Resource | undefined => {
  const lb = ctx.resolve(listener.values.load_balancer_arn)?.resource;
  return isLoadBalancer(lb) ? lb : undefined;
};
