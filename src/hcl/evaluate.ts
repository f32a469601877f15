/**
 * Evaluates an expression's AST to a JSON-like value where it is literal: numbers, strings, booleans, collections,
 * operators with HCL precedence, conditionals, `for` expressions and a few pure functions over literal operands.
 * Traversals and calls the evaluator does not know stay `${...}` strings (references stay followable); an operator,
 * condition or comparison over such a value throws, so the caller keeps the whole expression.
 */
import { parseExpression, scopedChildren, type Node } from "./parse";
import { HclSyntaxError } from "./tokens";

export type HclValue = null | boolean | number | string | readonly HclValue[] | { readonly [key: string]: HclValue };
type Map_ = { readonly [key: string]: HclValue };

/** True when a value holds no `${...}` expression anywhere. */
export function isLiteral(value: unknown): boolean {
  if (typeof value === "string") return !value.includes("${");
  if (Array.isArray(value)) return value.every(isLiteral);
  if (typeof value === "object" && value !== null) return Object.values(value).every(isLiteral);
  return true;
}

const fail = (message: string): never => {
  throw new HclSyntaxError(message);
};
const isMap = (v: HclValue): v is Map_ => typeof v === "object" && v !== null && !Array.isArray(v);
const asList = (v: HclValue): readonly HclValue[] => (Array.isArray(v) ? v : fail("expected a list"));
const asMap = (v: HclValue): Map_ => (isMap(v) ? v : fail("expected a map"));
const distinct = (list: readonly HclValue[]): HclValue[] => list.filter((v, i) => list.findIndex((o) => JSON.stringify(o) === JSON.stringify(v)) === i);

/** Terraform's automatic conversion of a literal to a number (`"5"` → 5). */
function toNumber(v: HclValue, op: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && isLiteral(v) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim())) return Number(v);
  return fail(`${op} over a value that is not a literal number`);
}
function toBool(v: HclValue, op: string): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  return fail(`${op} over a value that is not a literal boolean`);
}
/** A value as template text. */
function toText(v: HclValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return fail("a collection in a template");
}

/** Functions whose result depends only on the shape of their collection arguments, not on the elements' values. */
const STRUCTURAL: ReadonlySet<string> = new Set(["concat", "tolist", "flatten", "merge", "length"]);

/** Terraform functions evaluated over literal arguments; a set is a list here. */
const FUNCTIONS: Readonly<Record<string, (args: readonly HclValue[]) => HclValue>> = {
  toset: ([v]) => distinct(asList(v)),
  tolist: ([v]) => [...asList(v)],
  tomap: ([v]) => asMap(v),
  tostring: ([v]) => (typeof v === "object" && v !== null ? fail("tostring of a collection") : v === null ? null : toText(v)),
  tonumber: ([v]) => (v === null ? null : toNumber(v, "tonumber")),
  tobool: ([v]) => (v === null ? null : toBool(v, "tobool")),
  length: ([v]) => (typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : Object.keys(asMap(v)).length),
  lower: ([v]) => toText(v).toLowerCase(),
  upper: ([v]) => toText(v).toUpperCase(),
  concat: (args) => args.flatMap((a) => asList(a)),
  distinct: ([v]) => distinct(asList(v)),
  flatten: ([v]) => {
    const flat = (l: readonly HclValue[]): HclValue[] => l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
    return flat(asList(v));
  },
  merge: (args) => Object.assign({}, ...args.filter((a) => a !== null).map(asMap)) as Map_,
  keys: ([v]) => Object.keys(asMap(v)).sort(),
  values: ([v]) =>
    Object.keys(asMap(v))
      .sort()
      .map((k) => asMap(v)[k]),
  lookup: ([m, k, fallback]) => {
    const map = asMap(m);
    if (typeof k !== "string") return fail("lookup key must be a string");
    if (k in map) return map[k];
    if (fallback === undefined) return fail(`lookup: no key ${k}`);
    return fallback;
  },
  min: (args) => Math.min(...args.map((a) => toNumber(a, "min"))),
  max: (args) => Math.max(...args.map((a) => toNumber(a, "max"))),
  abs: ([v]) => Math.abs(toNumber(v, "abs")),
  floor: ([v]) => Math.floor(toNumber(v, "floor")),
  ceil: ([v]) => Math.ceil(toNumber(v, "ceil")),
  join: ([sep, list]) => asList(list).map(toText).join(toText(sep)),
  split: ([sep, s]) => toText(s).split(toText(sep)),
  contains: ([list, v]) => asList(list).some((x) => JSON.stringify(x) === JSON.stringify(v)),
  coalesce: (args) => args.find((a) => a !== null && a !== "") ?? fail("coalesce: no non-null argument"),
  jsonencode: ([v]) => JSON.stringify(v),
  element: ([list, i]) => {
    const l = asList(list);
    return l.length ? l[((Math.floor(toNumber(i, "element")) % l.length) + l.length) % l.length] : fail("element of an empty list");
  },
  pow: ([a, b]) => toNumber(a, "pow") ** toNumber(b, "pow"),
};

/** Root name → value, for `for` expression variables (and a caller's own names). */
export type Names = ReadonlyMap<string, unknown>;

function key(v: HclValue): string | number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && isLiteral(v)) return v;
  if (typeof v === "boolean") return String(v);
  return fail("an index that is not a literal key");
}

/** Applies one index step to a literal collection. */
function index(value: HclValue, k: string | number): HclValue {
  if (Array.isArray(value)) {
    const n = typeof k === "number" ? k : /^\d+$/.test(k) ? Number(k) : fail(`a list indexed by "${k}"`);
    return n < value.length ? value[n] : fail(`index ${n} out of range`);
  }
  if (isMap(value)) return String(k) in value ? value[String(k)] : fail(`no key "${k}"`);
  return fail("an index into a value that is not a collection");
}

const BARE_TRAVERSAL = /^(?:data\.)?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]]*\])*$/;

/** How a value is written back into expression source: a reference as its traversal, anything else as a literal. */
export function literalSource(value: HclValue): string {
  if (typeof value === "string" && value.startsWith("${") && value.endsWith("}")) {
    const inner = value.slice(2, -1);
    if (BARE_TRAVERSAL.test(inner)) return inner;
  }
  return JSON.stringify(value);
}

type Resolved = { readonly value: HclValue } | { readonly reference: string } | undefined;

class Evaluator {
  constructor(private readonly source: string) {}

  /** The node kept as an expression, with every name `names` resolves written in. */
  private opaque(node: Node, names: Names): string {
    return `\${${this.render(node, names)}}`;
  }

  /** The source of a node with the traversals `names` resolves replaced by their values. */
  render(node: Node, names: Names): string {
    const edits: { start: number; end: number; text: string }[] = [];
    const walk = (n: Node, scope: Names): void => {
      switch (n.type) {
        case "variable":
          if (scope.has(n.name)) edits.push({ start: n.start, end: n.end, text: literalSource(scope.get(n.name) as HclValue) });
          return;
        case "traversal": {
          if (n.root.type === "variable" && scope.has(n.root.name)) {
            const r = this.resolve(n, scope);
            if (r) {
              edits.push({ start: n.start, end: n.end, text: "value" in r ? literalSource(r.value) : r.reference });
              return;
            }
          } else walk(n.root, scope);
          for (const step of n.steps) if (step.kind === "index") walk(step.key, scope);
          return;
        }
        case "for": {
          walk(n.collection, scope);
          const inner = new Map(scope);
          inner.delete(n.valueVar);
          if (n.keyVar) inner.delete(n.keyVar);
          for (const c of [n.key, n.value, n.condition]) if (c) walk(c, inner);
          return;
        }
        default:
          for (const child of scopedChildren(n)) walk(child, scope);
      }
    };
    walk(node, names);
    let out = "";
    let at = node.start;
    for (const e of edits.sort((a, b) => a.start - b.start)) {
      out += this.source.slice(at, e.start) + e.text;
      at = e.end;
    }
    return out + this.source.slice(at, node.end);
  }

  /**
   * A traversal whose root `names` holds: its value, or — where a value on the way is itself a reference
   * (`local.bucket = aws_s3_bucket.b`) — that reference continued by the remaining steps. Undefined when a key is
   * missing, not literal, or a splat meets a literal collection.
   */
  private resolve(node: Extract<Node, { type: "traversal" }>, names: Names): Resolved {
    let value = this.eval(node.root, names);
    for (let k = 0; k < node.steps.length; k += 1) {
      if (typeof value === "string" && !isLiteral(value)) {
        const reference = literalSource(value);
        if (reference.startsWith('"')) return undefined;
        const rest = node.steps.slice(k).map((step) => {
          if (step.kind === "attr") return `.${step.name}`;
          if (step.kind === "splat") return "[*]";
          let keyValue: HclValue;
          try {
            keyValue = this.eval(step.key, names);
          } catch {
            return `[${this.render(step.key, names)}]`;
          }
          return `[${literalSource(keyValue)}]`;
        });
        return { reference: reference + rest.join("") };
      }
      const step = node.steps[k];
      if (step.kind === "splat") return undefined;
      try {
        value = index(value, step.kind === "attr" ? step.name : key(this.eval(step.key, names)));
      } catch {
        return undefined;
      }
    }
    return { value };
  }

  eval(node: Node, names: Names): HclValue {
    switch (node.type) {
      case "literal":
        return node.value;
      case "template": {
        if (node.directive) return fail("a template directive");
        if (node.parts.length === 1 && typeof node.parts[0] !== "string") {
          // `"${x}"` is x itself when x is not a string (Terraform converts; the JSON shape keeps the value)
          const only = this.eval(node.parts[0], names);
          return typeof only === "string" || typeof only === "number" || typeof only === "boolean" ? toText(only) : fail("a collection in a template");
        }
        // literal text keeps an escaped "$${" as it is, so it is never taken for an expression
        return node.parts
          .map((p) => {
            if (typeof p === "string") return p.replaceAll("${", () => "$${");
            const v = this.eval(p, names);
            return typeof v === "string" && !isLiteral(v) ? v : toText(v);
          })
          .join("");
      }
      case "variable":
        return names.has(node.name) ? (names.get(node.name) as HclValue) : this.opaque(node, names);
      case "traversal": {
        if (node.root.type === "variable" && !names.has(node.root.name)) return this.opaque(node, names);
        const r = this.resolve(node, names);
        if (!r) return this.opaque(node, names);
        return "value" in r ? r.value : `\${${r.reference}}`;
      }
      case "paren":
        return this.eval(node.inner, names);
      case "tuple":
        return node.items.map((i) => this.eval(i, names));
      case "object": {
        const out: Record<string, HclValue> = {};
        for (const item of node.items) {
          const k = item.key.type === "variable" ? item.key.name : this.eval(item.key, names);
          if (typeof k !== "string" && typeof k !== "number" && typeof k !== "boolean") fail("object keys must be strings");
          if (typeof k === "string" && !isLiteral(k)) fail("an object key that is not literal");
          out[String(k)] = this.eval(item.value, names);
        }
        return out;
      }
      case "unary": {
        const v = this.eval(node.operand, names);
        return node.op === "-" ? -toNumber(v, "-") : !toBool(v, "!");
      }
      case "binary":
        return this.binary(node.op, node.left, node.right, names);
      case "conditional": {
        const c = this.eval(node.condition, names);
        if (typeof c !== "boolean") fail("a condition that is not a literal boolean");
        return this.eval(c ? node.yes : node.no, names);
      }
      case "call":
        return this.call(node, names);
      case "for":
        return this.forExpression(node, names);
    }
  }

  private binary(op: string, l: Node, r: Node, names: Names): HclValue {
    const left = this.eval(l, names);
    if (op === "&&" || op === "||") {
      // Terraform evaluates both operands (no short circuit); both must be known here
      const a = toBool(left, op);
      const b = toBool(this.eval(r, names), op);
      return op === "&&" ? a && b : a || b;
    }
    const right = this.eval(r, names);
    if (op === "==" || op === "!=") {
      if (!isLiteral(left) || !isLiteral(right)) fail(`${op} over a value that is not literal`);
      return (JSON.stringify(left) === JSON.stringify(right)) === (op === "==");
    }
    const a = toNumber(left, op);
    const b = toNumber(right, op);
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? fail("division by zero") : a / b;
      case "%":
        return b === 0 ? fail("modulo by zero") : a % b;
      case "<":
        return a < b;
      case "<=":
        return a <= b;
      case ">":
        return a > b;
      default:
        return a >= b;
    }
  }

  private call(node: Extract<Node, { type: "call" }>, names: Names): HclValue {
    const fn = FUNCTIONS[node.name];
    if (!fn || node.expand) return this.opaque(node, names);
    const args = node.args.map((a) => this.eval(a, names));
    if (args.every(isLiteral)) return fn(args);
    if (node.name === "jsonencode") return fn(args);
    // Functions that only rearrange collections work on collections whose elements are references too.
    if (STRUCTURAL.has(node.name) && args.every((a) => typeof a === "object" && a !== null)) return fn(args);
    return this.opaque(node, names);
  }

  private forExpression(node: Extract<Node, { type: "for" }>, names: Names): HclValue {
    const collection = this.eval(node.collection, names);
    if (!isLiteral(collection) || typeof collection !== "object" || collection === null) return fail("a for expression over a value that is not literal");
    const entries: [HclValue, HclValue][] = Array.isArray(collection)
      ? collection.map((v, i) => [i, v])
      : Object.keys(collection)
          .sort()
          .map((k) => [k, (collection as Map_)[k]]);
    const list: HclValue[] = [];
    const object: Record<string, HclValue> = {};
    const groups: Record<string, HclValue[]> = {};
    for (const [k, v] of entries) {
      const scope = new Map(names);
      if (node.keyVar) scope.set(node.keyVar, k);
      scope.set(node.valueVar, v);
      if (node.condition && !toBool(this.eval(node.condition, scope), "if")) continue;
      const value = this.eval(node.value, scope);
      if (!node.object) list.push(value);
      else {
        const name = String(key(this.eval(node.key as Node, scope)));
        if (node.group) (groups[name] ??= []).push(value);
        else if (name in object) fail(`duplicate key "${name}" in a for expression`);
        else object[name] = value;
      }
    }
    return node.object ? (node.group ? groups : object) : list;
  }
}

/** Evaluates an already-parsed expression of `source` against `names`. */
export function evaluateNode(source: string, node: Node, names: Names = new Map()): HclValue {
  return new Evaluator(source).eval(node, names);
}

/** The source of a node with every traversal `names` resolves written in as a literal (or as the reference it holds). */
export function renderNode(source: string, node: Node, names: Names): string {
  return new Evaluator(source).render(node, names);
}

/**
 * Evaluates an expression (the inside of a `${...}`) to a JSON-like value. Traversals and unknown calls become
 * `${...}` strings; an operator, condition or comparison that needs their value throws an HclSyntaxError.
 */
export function evaluateLiteral(source: string): HclValue {
  return evaluateNode(source, parseExpression(source));
}
