/**
 * Builds the normalised resources of a stack and the context rules use to follow references between them.
 */
import { evaluateLiteral } from "../hcl/evaluate";
import { wholeExpression } from "../hcl/template";
import { referencesInString } from "../hcl/traversals";
import {
  Unknown,
  isUnknown,
  type Context,
  type LoadedResource,
  type LoadedStack,
  type Reference,
  type Resource,
  type Suppression,
  type Value,
  type ValueMap,
} from "./model";
import { isJsonAttribute, normaliseBody } from "./normalise";
import { renderPolicyDocument } from "./policy-document";

const isMap = (v: unknown): v is ValueMap => typeof v === "object" && v !== null && !Array.isArray(v) && !isUnknown(v);
const WHOLE_TRAVERSAL = /^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_]\w*|\[[^\]]*\])*$/;

/** `"//": {"pi": {"skip": [{"id", "reason"}]}}`; a skip without a reason is an input error. */
function suppressionsOf(r: LoadedResource): readonly Suppression[] {
  const meta = (r.body as Record<string, unknown>)["//"];
  const skip = isMap(meta) && isMap(meta.pi) ? meta.pi.skip : undefined;
  if (skip === undefined) return [];
  if (!Array.isArray(skip)) throw new Error(`${r.address}: "//".pi.skip must be a list of {id, reason}`);
  return skip.map((s: unknown, i) => {
    const id = isMap(s) ? s.id : undefined;
    const reason = isMap(s) ? s.reason : undefined;
    if (typeof id !== "string" || typeof reason !== "string" || reason.trim() === "")
      throw new Error(`${r.address}: "//".pi.skip[${i}] needs a rule id and a non-empty reason`);
    return { id, reason: reason.trim() };
  });
}

class StackContext implements Context {
  readonly resources: readonly Resource[];
  private readonly byAddress = new Map<string, Resource>();
  /** The first instance of each expanded block, by the block's address. */
  private readonly byBlock = new Map<string, Resource>();
  private readonly structural = new Map<string, ValueMap>();
  private reverse?: Map<string, Resource[]>;

  constructor(stack: LoadedStack) {
    // Phase 1: structure only, so that phase 2 can parse documents that point at other resources.
    const build = (r: LoadedResource, values: ValueMap): Resource => ({
      address: r.address,
      mode: r.mode,
      type: r.type,
      name: r.name,
      values,
      raw: r.raw,
      links: r.links,
      suppressions: suppressionsOf(r),
    });
    const index = (r: Resource) => {
      this.byAddress.set(r.address, r);
      // an expanded count/for_each instance also answers for its block's address (`aws_subnet.a.*.id`)
      const block = r.address.replace(/\[[^\]]*\]$/, "");
      if (block !== r.address && !this.byBlock.has(block)) this.byBlock.set(block, r);
    };
    for (const r of stack.resources) {
      this.structural.set(r.address, normaliseBody(r.body as Record<string, unknown>));
      index(build(r, this.structural.get(r.address) ?? {}));
    }
    this.resources = stack.resources.map((r) => build(r, this.parseDocuments(r.type, this.structural.get(r.address) ?? {}, true)));
    this.byBlock.clear();
    for (const r of this.resources) index(r);
  }

  private parseDocuments(type: string, values: ValueMap, topLevel: boolean): ValueMap {
    const out: Record<string, Value> = {};
    for (const [key, value] of Object.entries(values)) {
      if ((topLevel ? isJsonAttribute(type, key) : isJsonAttribute("", key)) && value !== null) out[key] = this.parseJson(value);
      else if (Array.isArray(value)) out[key] = value.map((v: Value) => (isMap(v) ? this.parseDocuments(type, v, false) : v));
      else out[key] = value;
    }
    return out;
  }

  resourcesOfType(type: string): readonly Resource[] {
    const data = type.startsWith("data.");
    const bare = data ? type.slice(5) : type;
    return this.resources.filter((r) => r.type === bare && (r.mode === "data") === data);
  }

  get(address: string): Resource | undefined {
    return this.byAddress.get(address);
  }

  /**
   * Longest address prefix of the traversal that names a resource: `aws_subnet.a[0].id` falls back to `aws_subnet.a`
   * when the block was not expanded, and `aws_subnet.a.*.id` stands for its first instance when it was.
   */
  private resolveTraversal(expression: string): Reference {
    const cut = [...expression.matchAll(/[.[]/g)].map((m) => m.index).concat(expression.length);
    for (let k = cut.length - 1; k >= 0; k -= 1) {
      const address = expression.slice(0, cut[k]);
      const resource = this.byAddress.get(address) ?? this.byBlock.get(address);
      if (resource) {
        const attribute = expression.slice(cut[k]).replace(/^(\[[^\]]*\])+/, "").replace(/^\./, "").replace(/\[[^\]]*\]/g, "");
        return { expression, resource, attribute: attribute === "" ? undefined : attribute };
      }
    }
    return { expression };
  }

  resolve(value: Value | undefined): Reference | undefined {
    if (typeof value !== "string") return undefined;
    const inner = wholeExpression(value);
    return inner !== undefined && WHOLE_TRAVERSAL.test(inner) ? this.resolveTraversal(inner) : undefined;
  }

  references(value: Value | undefined): readonly Reference[] {
    if (typeof value === "string") return referencesInString(value).map((e) => this.resolveTraversal(e));
    if (Array.isArray(value)) return value.flatMap((v: Value) => this.references(v));
    if (isMap(value)) return Object.values(value).flatMap((v) => this.references(v));
    return [];
  }

  refersTo(value: Value | undefined, target: Resource): boolean {
    return this.references(value).some((r) => r.resource?.address === target.address);
  }

  referencesTo(target: Resource, fromType?: string): readonly Resource[] {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const source of this.resources) {
        // the structural values keep references that parsing replaced (`${data.aws_iam_policy_document.x.json}`)
        const refs = [
          ...this.references(source.values),
          ...this.references(this.structural.get(source.address)),
          ...source.links.map((l) => this.resolveTraversal(l)),
        ];
        for (const address of new Set(refs.map((r) => r.resource?.address).filter((a): a is string => !!a && a !== source.address))) {
          this.reverse.set(address, [...(this.reverse.get(address) ?? []), source]);
        }
      }
    }
    const sources = this.reverse.get(target.address) ?? [];
    if (fromType === undefined) return sources;
    const data = fromType.startsWith("data.");
    return sources.filter((s) => s.type === (data ? fromType.slice(5) : fromType) && (s.mode === "data") === data);
  }

  parseJson(value: Value | undefined, depth = 0): Value {
    if (value === undefined || value === null) return new Unknown("no document");
    if (typeof value !== "string") return value;
    const inner = wholeExpression(value);
    if (inner === undefined) {
      if (value.includes("${") && !/^\s*[[{]/.test(value)) return new Unknown(`"${value}" cannot be evaluated`);
      try {
        return JSON.parse(value) as Value;
      } catch {
        // a trailing comma (`},\n]`) is the commonest slip in hand-written heredoc policies; its intent is unambiguous
        try {
          return JSON.parse(value.replace(/,(\s*[}\]])/g, "$1")) as Value;
        } catch {
          return new Unknown("the document is not valid JSON");
        }
      }
    }
    if (depth > 5) return new Unknown(`${inner}: reference chain too deep`);
    if (/^jsonencode\(/.test(inner)) {
      try {
        return this.parseJson(evaluateLiteral(inner), depth + 1);
      } catch (error) {
        return new Unknown(`cannot evaluate ${inner.slice(0, 60)}: ${(error as Error).message}`);
      }
    }
    const ref = WHOLE_TRAVERSAL.test(inner) ? this.resolveTraversal(inner) : undefined;
    if (!ref?.resource || !ref.attribute) return new Unknown(`\${${inner}} cannot be resolved`);
    const values = this.structural.get(ref.resource.address) ?? {};
    if (ref.resource.type === "aws_iam_policy_document" && ref.attribute === "json") {
      return typeof values.json === "string" ? this.parseJson(values.json, depth + 1) : renderPolicyDocument(values, (v) => this.parseJson(v, depth + 1));
    }
    if (isJsonAttribute(ref.resource.type, ref.attribute)) return this.parseJson(values[ref.attribute], depth + 1);
    return new Unknown(`\${${inner}} is not a document the engine can read`);
  }
}

export function createContext(stack: LoadedStack): Context {
  return new StackContext(stack);
}
