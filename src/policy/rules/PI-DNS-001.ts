import { isExpression } from "../../hcl/template";
import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { bool, first, list, str } from "./lib/values";

/** Route53RecordAttached: address records point at resources of the stack, never at literal IPs that can dangle. */
export const route53RecordAttached: Rule = {
  id: "PI-DNS-001",
  title: "A/AAAA records alias a resource of the stack (the ALB) with health evaluation; no literal IPs",
  severity: "LOW",
  resourceTypes: ["aws_route53_record"],
  relatedTypes: ["aws_lb"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_23"], trivy: [], securityHub: [], cdkNag: [] },
  rationale: "A record left pointing at a released IP can be taken over by whoever gets that IP next.",
  check(record: Resource, ctx: Context): Verdict {
    const type = str(record.values.type);
    if (isUnknown(type)) return { status: "UNKNOWN", message: `type: ${type.reason}` };
    if (type !== "A" && type !== "AAAA") return notApplicable(`a ${type ?? "(untyped)"} record`);
    const a = new Assessment();
    const alias = first(record.values.alias);
    if (alias) {
      const ref = ctx.resolve(alias.name);
      const target = ref?.resource;
      // a variable, module output or data source may well be the load balancer: unknown, not a dangling target
      if (!target && (ref || isExpression(alias.name))) a.unknown(`alias.name ${JSON.stringify(alias.name)} is not a resource of the stack`);
      else if (!target) a.fail(`alias.name = ${JSON.stringify(alias.name ?? null)}, expected a reference to the aws_lb's dns_name`);
      // health evaluation is ours: checkov only asks that the record points at a resource
      a.expect("alias.evaluate_target_health", bool(alias.evaluate_target_health), (x) => x === true, "true", []);
      return a.verdict(`alias to ${String(target?.address)}`);
    }
    const records = list(record.values.records);
    if (records.length === 0) a.fail("neither alias nor records, expected an alias to the aws_lb");
    for (const r of records)
      if (ctx.references(r).every((ref) => !ref.resource))
        a.fail(`records contains ${JSON.stringify(r)}, expected an alias or a reference to a resource of the stack`);
    return a.verdict("records reference resources of the stack");
  },
};
