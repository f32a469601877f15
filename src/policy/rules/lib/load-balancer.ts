/** Load-balancer facts several rules share. */
import { isUnknown, type Context, type Resource, type Unknown } from "../../model";
import { str } from "./values";

/** "application" (the default), "network" or "gateway"; Unknown for an expression. */
export function loadBalancerType(lb: Resource): string | Unknown {
  const type = str(lb.values.load_balancer_type);
  return isUnknown(type) ? type : (type ?? "application");
}

/** The aws_lb a listener belongs to, when it resolves. */
export const listenerLoadBalancer = (listener: Resource, ctx: Context): Resource | undefined => {
  const lb = ctx.resolve(listener.values.load_balancer_arn)?.resource;
  return lb?.type === "aws_lb" ? lb : undefined;
};
