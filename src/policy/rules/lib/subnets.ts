/** Availability-zone spread of a list of subnet references (ELB.13, Lambda.5). */
import { isUnknown, type Context, type Value } from "../../model";
import type { Assessment } from "./assessment";
import { list } from "./values";
import { wholeExpression } from "../../../hcl/template";

/** An AZ as a comparable key: the literal, or the `data.aws_availability_zones` expression that picks it. */
function azKey(value: Value | undefined, ctx: Context): string | undefined {
  if (typeof value !== "string") return undefined;
  if (!value.includes("${")) return value;
  return ctx.references(value).some((r) => r.resource?.type === "aws_availability_zones") ? value.replace(/\s+/g, "") : undefined;
}

/** Requires ≥ 2 subnets in the stack, in distinct AZs; unresolved subnets or AZs are unknown. */
export function checkDistinctAzs(subnets: Value | undefined, attribute: string, ctx: Context, a: Assessment): void {
  if (isUnknown(subnets)) {
    a.unknown(`${attribute}: ${subnets.reason}`);
    return;
  }
  // One expression for the whole list (a module's list variable): its length is known only to Terraform.
  if (typeof subnets === "string" && wholeExpression(subnets) !== undefined && ctx.resolve(subnets)?.resource?.type !== "aws_subnet") {
    a.unknown(`${attribute}: ${subnets} cannot be evaluated statically`);
    return;
  }
  const refs = list(subnets);
  if (refs.length < 2) {
    a.fail(`${attribute} lists ${refs.length} subnet(s), expected at least 2 in distinct availability zones`);
    return;
  }
  const zones = new Set<string>();
  for (const ref of refs) {
    const subnet = ctx.resolve(ref)?.resource;
    if (subnet?.type !== "aws_subnet") {
      a.unknown(`${attribute}: ${JSON.stringify(ref)} is not an aws_subnet in the stack`);
      return;
    }
    const key = azKey(subnet.values.availability_zone ?? subnet.values.availability_zone_id, ctx);
    if (key === undefined) {
      a.unknown(`${subnet.address}.availability_zone cannot be determined statically`);
      return;
    }
    zones.add(key);
  }
  if (zones.size < 2) a.fail(`${attribute}: all subnets are in one availability zone, expected at least 2 distinct zones`);
}
