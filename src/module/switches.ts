/**
 * Optional parts of a module, switched by boolean expressions over its inputs. The module is built from one synth per
 * combination of switches and merged (`mergeVariants`): a resource that exists only under some switches gets
 * `count = <condition> ? 1 : 0`, an argument whose value depends on switches becomes a conditional over them, and
 * every reference to a counted resource is indexed (`[0]`). Only the selected branch of a conditional is evaluated,
 * so a branch may refer to a resource that is absent in the other.
 */
import { evaluateLiteral, type HclValue as Value } from "../hcl/evaluate";
import { wholeExpression } from "../hcl/template";
import { inlineExpression } from "./inline-expression";
import { rewriteTemplateReferences } from "./hcl/references";
import type { TerraformDocument } from "./hcl/render";

export interface Switch {
  /** Key in a combination. */
  readonly name: string;
  /** Terraform boolean expression that turns the part on (`var.enable_waf`). */
  readonly condition: string;
}

export type Combination = Readonly<Record<string, boolean>>;

export interface Variant {
  readonly combination: Combination;
  readonly document: TerraformDocument;
}

export class MergeError extends Error {}

/** Every combination of the switches, all on first. */
export function combinations(switches: readonly Switch[]): Combination[] {
  return Array.from({ length: 2 ** switches.length }, (_, n) => Object.fromEntries(switches.map((s, i) => [s.name, (n & (1 << i)) === 0])));
}

type Body = Record<string, unknown>;
type Section = Readonly<Record<string, Readonly<Record<string, Body>>>>;

export function mergeVariants(switches: readonly Switch[], variants: readonly Variant[], blockKeys: (type: string) => ReadonlySet<string>): TerraformDocument {
  const conditionOf = (present: readonly Combination[], where: string): string | undefined => presenceCondition(switches, variants, present, where);
  const counted = new Set<string>();
  const merged: Record<string, Record<string, Record<string, Body>>> = { resource: {}, data: {} };
  for (const kind of ["resource", "data"] as const) {
    for (const [type, name] of addresses(variants.map((v) => v.document[kind] as Section | undefined))) {
      const bodies = variants.map((v) => (v.document[kind] as Section | undefined)?.[type]?.[name]);
      const present = variants.flatMap((v, i) => (bodies[i] ? [v.combination] : []));
      const where = `${kind === "data" ? "data." : ""}${type}.${name}`;
      const condition = conditionOf(present, where);
      const body = mergeBody(switches, variants, bodies, where, blockKeys(type));
      if (condition !== undefined) {
        if ("count" in body || "for_each" in body) throw new MergeError(`${where}: an optional part cannot already use count or for_each`);
        counted.add(`${kind === "data" ? "data." : ""}${type}.${name}`);
        (merged[kind][type] ??= {})[name] = { count: `\${${condition} ? 1 : 0}`, ...body };
      } else (merged[kind][type] ??= {})[name] = body;
    }
  }
  const outputs: Record<string, Body> = {};
  for (const name of new Set(variants.flatMap((v) => Object.keys(v.document.output ?? {})))) {
    const bodies = variants.map((v) => v.document.output?.[name] as Body | undefined);
    const present = variants.flatMap((v, i) => (bodies[i] ? [v.combination] : []));
    const condition = conditionOf(present, `output.${name}`);
    const body = mergeBody(switches, variants, bodies, `output.${name}`, new Set());
    outputs[name] = condition === undefined ? body : { ...body, value: `\${${condition} ? ${inlineExpression(body.value)} : null}` };
  }
  const first = variants[0].document;
  for (const section of ["variable", "locals", "terraform"] as const) {
    for (const v of variants) {
      if (JSON.stringify(v.document[section]) !== JSON.stringify(first[section])) throw new MergeError(`${section} differs between switch combinations`);
    }
  }
  const indexCounted = (type: string, name: string) => (counted.has(`${type}.${name}`) ? `${type}.${name}[0]` : undefined);
  const document: TerraformDocument = {
    ...(first.terraform ? { terraform: first.terraform } : {}),
    ...(first.variable ? { variable: first.variable } : {}),
    ...(first.locals ? { locals: first.locals } : {}),
    data: merged.data,
    resource: merged.resource,
    output: outputs,
  };
  return mapTemplates(document, (s) => rewriteTemplateReferences(s, indexCounted)) as TerraformDocument;
}

function addresses(sections: ReadonlyArray<Section | undefined>): Array<readonly [string, string]> {
  const seen = new Map<string, readonly [string, string]>();
  for (const section of sections)
    for (const [type, byName] of Object.entries(section ?? {})) for (const name of Object.keys(byName)) seen.set(`${type}.${name}`, [type, name]);
  return [...seen.values()];
}

/** The conjunction of switches under which something exists, or undefined when it always exists. */
function presenceCondition(switches: readonly Switch[], variants: readonly Variant[], present: readonly Combination[], where: string): string | undefined {
  if (present.length === 0) throw new MergeError(`${where} exists in no combination`);
  const condition = conjunction(
    switches,
    variants.map((v) => v.combination),
    present,
  );
  if (condition === null) throw new MergeError(`${where} exists under a combination of switches that is not a conjunction of them`);
  return condition;
}

/**
 * The switches whose conjunction holds exactly in `present` among `all` combinations: undefined when `present` is all
 * of them, null when no conjunction describes it.
 */
function conjunction(switches: readonly Switch[], all: readonly Combination[], present: readonly Combination[]): string | undefined | null {
  if (present.length === all.length) return undefined;
  const required = switches.filter((s) => present.every((c) => c[s.name]));
  const implied = all.filter((c) => required.every((s) => c[s.name]));
  return required.length > 0 && implied.length === present.length ? required.map((s) => s.condition).join(" && ") : null;
}

/** One body from its versions across the combinations (undefined where absent). */
function mergeBody(
  switches: readonly Switch[],
  variants: readonly Variant[],
  bodies: ReadonlyArray<Body | undefined>,
  where: string,
  blockKeys: ReadonlySet<string>,
): Body {
  const present = bodies.flatMap((b, i) => (b ? [[variants[i].combination, b] as const] : []));
  const keys = [...new Set(present.flatMap(([, b]) => Object.keys(b)))];
  const result: Body = {};
  for (const key of keys) {
    const values = present.map(([c, b]) => [c, b[key]] as const);
    const distinct = new Set(values.map(([, v]) => JSON.stringify(v)));
    if (distinct.size === 1) {
      result[key] = values[0][1];
      continue;
    }
    if (key === "depends_on") {
      result[key] = [...new Set(values.flatMap(([, v]) => (v as string[] | undefined) ?? []))].sort();
      continue;
    }
    if (key === "//") continue;
    if (blockKeys.has(key) || key === "lifecycle" || key === "count" || key === "for_each")
      throw new MergeError(`${where}.${key}: a nested block or meta-argument differs between switch combinations`);
    result[key] = `\${${structuralMerge(switches, values, `${where}.${key}`) ?? conditional(switches, values, `${where}.${key}`)}}`;
  }
  return result;
}

/**
 * A `jsonencode(...)` document (a task's container definitions, a dashboard body) that differs between combinations
 * only inside: one document whose optional list elements are switched in place (`concat([...], var.x ? [...] : [])`)
 * instead of one copy of the whole document per combination. Undefined when the differences are not of that shape.
 */
function structuralMerge(switches: readonly Switch[], values: ReadonlyArray<readonly [Combination, unknown]>, where: string): string | undefined {
  const documents: Array<readonly [Combination, Value]> = [];
  for (const [combination, value] of values) {
    const source = typeof value === "string" ? wholeExpression(value) : undefined;
    const argument = source !== undefined ? /^jsonencode\(([\s\S]*)\)$/.exec(source)?.[1] : undefined;
    if (argument === undefined) return undefined;
    try {
      documents.push([combination, evaluateLiteral(argument)]);
    } catch {
      return undefined;
    }
  }
  const merged = mergeJson(switches, documents, where);
  return merged === undefined ? undefined : `jsonencode(${merged})`;
}

const canonical = (v: unknown) => JSON.stringify(v);

/** One HCL expression for a JSON value that varies by combination, or undefined when it cannot be merged in place. */
function mergeJson(switches: readonly Switch[], values: ReadonlyArray<readonly [Combination, Value]>, where: string): string | undefined {
  if (new Set(values.map(([, v]) => canonical(v))).size === 1) return inlineExpression(values[0][1], false);
  if (values.every(([, v]) => Array.isArray(v))) return mergeLists(switches, values as ReadonlyArray<readonly [Combination, readonly Value[]]>, where);
  const isPlainObject = (v: Value) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (values.every(([, v]) => isPlainObject(v))) {
    const keySets = new Set(values.map(([, v]) => canonical(Object.keys(v as object))));
    if (keySets.size !== 1) return undefined;
    const entries = Object.keys(values[0][1] as object).map((k) => {
      const merged = mergeJson(
        switches,
        values.map(([c, v]) => [c, (v as Record<string, Value>)[k]] as const),
        `${where}.${k}`,
      );
      return merged === undefined ? undefined : `${JSON.stringify(k)} = ${merged}`;
    });
    return entries.every((e) => e !== undefined) ? `{${entries.join(", ")}}` : undefined;
  }
  if (values.some(([, v]) => typeof v === "object" && v !== null)) return undefined;
  return conditional(switches, values, where);
}

/** Lists whose elements come and go with switches (each shorter list a subsequence of the longest). */
function mergeLists(switches: readonly Switch[], values: ReadonlyArray<readonly [Combination, readonly Value[]]>, where: string): string | undefined {
  const master = values.reduce((a, b) => (b[1].length > a[1].length ? b : a))[1];
  const presence: Combination[][] = master.map(() => []);
  for (const [combination, list] of values) {
    let at = 0;
    for (const item of list) {
      while (at < master.length && canonical(master[at]) !== canonical(item)) at += 1;
      if (at === master.length) {
        // not a subsequence: the same length element by element, else give up
        if (!values.every(([, l]) => l.length === master.length)) return undefined;
        const items = master.map((_, i) =>
          mergeJson(
            switches,
            values.map(([c, l]) => [c, l[i]] as const),
            `${where}[${i}]`,
          ),
        );
        return items.every((x) => x !== undefined) ? `[${items.join(", ")}]` : undefined;
      }
      presence[at].push(combination);
      at += 1;
    }
  }
  const all = values.map(([c]) => c);
  const conditions = presence.map((present) => conjunction(switches, all, present));
  if (conditions.some((c) => c === null)) return undefined;
  const segments: Array<{ condition: string | undefined; items: string[] }> = [];
  master.forEach((item, i) => {
    const last = segments.at(-1);
    const rendered = inlineExpression(item, false);
    if (last && last.condition === conditions[i]) last.items.push(rendered);
    else segments.push({ condition: conditions[i] ?? undefined, items: [rendered] });
  });
  const parts = segments.map((s) => (s.condition ? `${s.condition} ? [${s.items.join(", ")}] : []` : `[${s.items.join(", ")}]`));
  return parts.length === 1 && !segments[0].condition ? parts[0] : `concat(${parts.join(", ")})`;
}

/** A nested conditional over the switches the value depends on. */
function conditional(switches: readonly Switch[], values: ReadonlyArray<readonly [Combination, unknown]>, where: string): string {
  const text = (v: unknown) => JSON.stringify(v ?? null);
  const relevant = switches.filter((s) =>
    values.some(([c, v]) => values.some(([d, w]) => text(v) !== text(w) && switches.every((t) => t === s || c[t.name] === d[t.name]))),
  );
  const leaf = (assignment: Combination): string => {
    const matching = values.filter(([c]) => relevant.every((s) => c[s.name] === assignment[s.name]));
    if (matching.length === 0) return "null";
    if (new Set(matching.map(([, v]) => text(v))).size > 1) throw new MergeError(`${where}: its value depends on switches together, not one by one`);
    return inlineExpression(matching[0][1]);
  };
  const tree = (index: number, assignment: Combination): string => {
    if (index === relevant.length) return leaf(assignment);
    const s = relevant[index];
    const branch = (on: boolean) => {
      const inner = tree(index + 1, { ...assignment, [s.name]: on });
      return index + 1 < relevant.length ? `(${inner})` : inner;
    };
    return `${s.condition} ? ${branch(true)} : ${branch(false)}`;
  };
  return tree(0, {});
}

/** The document with every string passed through `f` (keys are kept). */
export function mapTemplates(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapTemplates(v, f));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapTemplates(v, f)]));
  return value;
}
