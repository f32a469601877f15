/**
 * A plan judged with its source at hand. A plan's values are concrete where Terraform knows them, but documents built
 * from ARNs (IAM and bucket policies) are "known after apply", and meta-arguments such as
 * `lifecycle.create_before_destroy` are not in a plan at all. The synthesised stack the plan came from has both, as
 * expressions the engine can read. So: plan values win; what the plan leaves unknown or out comes from the source.
 */
import { isUnknown, type LoadedResource, type LoadedStack } from "./model";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
const isReference = (v: unknown): boolean => typeof v === "string" && /^\$\{[^}]*\}$/.test(v);
/** What the plan loader writes where a value is known only after apply: the bare references it was built from. */
const isReferenceStandIn = (v: unknown): boolean => isReference(v) || (Array.isArray(v) && v.length > 0 && v.every(isReference));

/**
 * Fills the gaps of `planned` from `source`: unknown or missing values; nested blocks merged item by item. A value
 * unknown in the plan that the source does not set at all is computed by the provider (an id, an ARN, a deprecated
 * inline attribute): the configuration leaves it out, so the judgement does too, exactly as on the synthesised stack.
 */
function fill(planned: Json, source: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(planned)) if (!(isUnknown(value) && !(key in source))) out[key] = value;
  for (const [key, fromSource] of Object.entries(source)) {
    if (key === "//" || key === "depends_on" || key === "provider") continue;
    const current = out[key];
    if (current === undefined || current === null || isUnknown(current)) out[key] = fromSource;
    // The source's full expression (e.g. a jsonencode'd policy) says more than the references the plan kept of it.
    else if (isReferenceStandIn(current) && typeof fromSource === "string" && !isReference(fromSource)) out[key] = fromSource;
    else if (Array.isArray(current) && Array.isArray(fromSource))
      out[key] = current.map((item, i) => (isObject(item) && isObject(fromSource[i]) ? fill(item, fromSource[i] as Json) : item));
    else if (Array.isArray(current) && isObject(fromSource)) out[key] = current.map((item, i) => (i === 0 && isObject(item) ? fill(item, fromSource) : item));
  }
  return out;
}

/** `plan` with the gaps filled from `source` (the `cdk.tf.json` it was planned from), matched by address. */
export function withSource(plan: LoadedStack, source: LoadedStack): LoadedStack {
  const byAddress = new Map<string, LoadedResource>(source.resources.map((r) => [r.address, r]));
  const resources = plan.resources.map((resource): LoadedResource => {
    // the source has the instance when it could expand the block (literal count/for_each), else only the block
    const origin = byAddress.get(resource.address) ?? byAddress.get(resource.address.replace(/\[[^\]]*\]$/, ""));
    return origin ? { ...resource, body: fill(resource.body as Json, origin.body as Json), links: [...resource.links, ...origin.links] } : resource;
  });
  return { ...plan, resources };
}
