/**
 * Builds the normalised resources of a stack and the context rules use to follow references between them.
 */
import { evaluateLiteral } from "../hcl/evaluate";
import { parseExpression, type Step } from "../hcl/parse";
import { wholeExpression } from "../hcl/template";
import { referencesInString, traversalsOf } from "../hcl/traversals";
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
/** The expression is one reference traversal (`aws_vpc.main.id`, `aws_lb.this["a"].arn`, `module.m.aws_x.y`). */
const WHOLE_TRAVERSAL = {
  test(source: string): boolean {
    try {
      const node = parseExpression(source);
      const t = traversalsOf(source, node)[0];
      return t !== undefined && t.start === node.start && t.end === node.end;
    } catch {
      return false;
    }
  },
};

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
  /** The instances of each expanded (count/for_each) block, by the block's address. */
  private readonly byBlock = new Map<string, Resource[]>();
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
      if (block !== r.address) this.byBlock.set(block, [...(this.byBlock.get(block) ?? []), r]);
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
   * The resource a traversal names. `module.m.` prefixes and `data.` are part of the address; a literal index selects
   * an instance (`aws_lb.this["beta"]`, `aws_subnet.a[0]`). A splat means every instance (`references` lists them all);
   * an index the engine cannot evaluate, or no index on an expanded block, could mean any instance: the reference
   * then has no resource, only the candidates, and rules treat it as unresolved — never as the first instance.
   */
  private resolveTraversal(expression: string): Reference & { readonly all?: readonly Resource[] } {
    let steps: readonly Step[];
    let root: string;
    try {
      const node = parseExpression(expression);
      const t = traversalsOf(expression, node)[0];
      if (!t || t.start !== node.start || t.end !== node.end) return { expression };
      root = t.root;
      steps = t.steps;
    } catch {
      return { expression };
    }
    const literalKey = (step: Step | undefined): string | undefined => {
      if (step?.kind !== "index") return undefined;
      const text = stepKey(expression, step);
      return text;
    };
    // module.<name>[key]. prefixes, then data.<type>.<name> or <type>.<name>
    let address = "";
    let k = 0;
    let head = root;
    while (head === "module" && steps[k]?.kind === "attr") {
      address += `module.${(steps[k] as { name: string }).name}`;
      k += 1;
      const key = literalKey(steps[k]);
      if (key !== undefined) {
        address += `[${key}]`;
        k += 1;
      }
      address += ".";
      const next = steps[k];
      if (next?.kind !== "attr") return { expression };
      head = next.name;
      k += 1;
    }
    if (head === "data") {
      const [type, name] = [steps[k], steps[k + 1]];
      if (type?.kind !== "attr" || name?.kind !== "attr") return { expression };
      address += `data.${type.name}.${name.name}`;
      k += 2;
    } else {
      const name = steps[k];
      if (name?.kind !== "attr") return { expression };
      address += `${head}.${name.name}`;
      k += 1;
    }
    const attributeOf = (from: number): string | undefined => {
      const names = steps.slice(from).flatMap((s) => (s.kind === "attr" ? [s.name] : []));
      return names.length ? names.join(".") : undefined;
    };
    const single = this.byAddress.get(address);
    if (single) return { expression, resource: single, attribute: attributeOf(k) };
    const instances = this.byBlock.get(address);
    if (!instances) return { expression };
    const step = steps[k];
    if (step?.kind === "splat") return { expression, attribute: attributeOf(k + 1), candidates: instances, all: instances };
    const key = literalKey(step);
    if (key !== undefined) {
      const instance = this.byAddress.get(`${address}[${key}]`);
      return instance ? { expression, resource: instance, attribute: attributeOf(k + 1) } : { expression };
    }
    return { expression, attribute: attributeOf(step?.kind === "index" ? k + 1 : k), candidates: instances };
  }

  resolve(value: Value | undefined): Reference | undefined {
    if (typeof value !== "string") return undefined;
    const inner = wholeExpression(value);
    if (inner === undefined || !WHOLE_TRAVERSAL.test(inner)) return undefined;
    const { all: _all, ...ref } = this.resolveTraversal(inner);
    return ref;
  }

  /** A splat reference stands for each of its instances. */
  private expand(expression: string): readonly Reference[] {
    const ref = this.resolveTraversal(expression);
    if (ref.all) return ref.all.map((resource) => ({ expression, resource, attribute: ref.attribute }));
    const { all: _all, ...rest } = ref;
    return [rest];
  }

  references(value: Value | undefined): readonly Reference[] {
    if (typeof value === "string") return referencesInString(value).flatMap((e) => this.expand(e));
    if (Array.isArray(value)) return value.flatMap((v: Value) => this.references(v));
    if (isMap(value)) return Object.values(value).flatMap((v) => this.references(v));
    return [];
  }

  refersTo(value: Value | undefined, target: Resource): boolean {
    return this.references(value).some((r) => r.resource?.address === target.address);
  }

  mayReferTo(value: Value | undefined, target: Resource): boolean {
    return this.references(value).some((r) => r.resource === undefined && r.candidates?.some((c) => c.address === target.address));
  }

  referencesTo(target: Resource, fromType?: string): readonly Resource[] {
    if (!this.reverse) {
      this.reverse = new Map();
      for (const source of this.resources) {
        // the structural values keep references that parsing replaced (`${data.aws_iam_policy_document.x.json}`)
        const refs = [
          ...this.references(source.values),
          ...this.references(this.structural.get(source.address)),
          ...source.links.flatMap((l) => this.expand(l)),
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

/** The text of a literal index key as addresses write it (`0`, `"beta"`), or undefined when it is not literal. */
function stepKey(source: string, step: Extract<Step, { kind: "index" }>): string | undefined {
  try {
    const key = evaluateLiteral(source.slice(step.key.start, step.key.end));
    if (typeof key === "number" || (typeof key === "string" && !key.includes("${"))) return JSON.stringify(key);
  } catch {
    // not literal
  }
  return undefined;
}

export function createContext(stack: LoadedStack): Context {
  return new StackContext(stack);
}
