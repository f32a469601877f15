/**
 * Just enough of Terraform's expression syntax to read what CDKTF and `@cdktf/hcl2json` emit: `${...}` templates, the
 * traversals inside them, literal HCL values (the object of `${jsonencode({...})}`, `toset([...])`), a few pure
 * functions, arithmetic and conditionals over literals. Anything else is opaque and kept as a `${...}` string.
 */
import type { Value } from "./model";

export type TemplatePart = { readonly kind: "literal"; readonly text: string } | { readonly kind: "expr"; readonly source: string };

/** Index just after the string literal that starts at `start` (the opening quote). */
export function skipString(s: string, start: number): number {
  let i = start + 1;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (c === "$" && s[i + 1] === "{") i = skipExpression(s, i + 2) + 1;
    else i += 1;
  }
  throw new SyntaxError("unterminated string");
}

/** Index of the `}` that closes an expression whose body starts at `start`. */
export function skipExpression(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = skipString(s, i);
      continue;
    }
    if (c === "{") depth += 1;
    else if (c === "}") {
      if (depth === 0) return i;
      depth -= 1;
    }
    i += 1;
  }
  throw new SyntaxError("unterminated ${");
}

/** Index of the bracket that closes the one at `start`, skipping string literals. */
export function closingBracket(s: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = skipString(s, i);
      continue;
    }
    if (c === "[" || c === "(" || c === "{") depth += 1;
    else if (c === "]" || c === ")" || c === "}") {
      depth -= 1;
      if (depth === 0) return i;
    }
    i += 1;
  }
  throw new SyntaxError("unbalanced brackets");
}

/** Splits a string into literal text and `${...}` expressions (`$${` is an escaped literal). */
export function splitTemplate(s: string): readonly TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < s.length) {
    if (s.startsWith("$${", i)) {
      text += "${";
      i += 3;
    } else if (s.startsWith("${", i)) {
      const end = skipExpression(s, i + 2);
      if (text) parts.push({ kind: "literal", text });
      text = "";
      parts.push({ kind: "expr", source: s.slice(i + 2, end).trim() });
      i = end + 1;
    } else {
      text += s[i];
      i += 1;
    }
  }
  if (text) parts.push({ kind: "literal", text });
  return parts;
}

export const isExpression = (value: unknown): value is string => typeof value === "string" && value.includes("${");

/** The inner source when the whole string is one `${...}`, e.g. `aws_vpc.main.id` for `"${aws_vpc.main.id}"`. */
export function wholeExpression(s: string): string | undefined {
  if (!s.startsWith("${")) return undefined;
  try {
    const parts = splitTemplate(s);
    return parts.length === 1 && parts[0].kind === "expr" ? parts[0].source : undefined;
  } catch {
    return undefined;
  }
}

// A resource type always has a provider prefix with an underscore (aws_vpc, random_password); this keeps hostnames
// and "s3:GetObject"-style strings out.
const TRAVERSAL =
  /(?<![\w.\]"-])((?:module\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?\.)*(?:data\.)?(?:[a-z][a-z0-9]*_[a-z0-9_]+|var|local)\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_]\w*|\[[^\]]*\])*)/g;

/** Traversals (`aws_vpc.main.id`, `data.x.y.json`, `var.z`) in an expression's source, outside string literals. */
export function traversalsIn(source: string): readonly string[] {
  const found: string[] = [];
  let code = "";
  let i = 0;
  while (i < source.length) {
    if (source[i] === '"') {
      const end = skipString(source, i);
      // nested templates inside string literals are expressions too
      for (const part of splitTemplate(source.slice(i + 1, end - 1))) if (part.kind === "expr") found.push(...traversalsIn(part.source));
      code += " ";
      i = end;
    } else {
      code += source[i];
      i += 1;
    }
  }
  for (const match of code.matchAll(TRAVERSAL)) found.push(match[1]);
  return found;
}

/** Every traversal inside the `${...}` parts of a string. */
export function referencesInString(s: string): readonly string[] {
  if (!s.includes("${")) return [];
  try {
    return splitTemplate(s).flatMap((part) => (part.kind === "expr" ? traversalsIn(part.source) : []));
  } catch {
    return [];
  }
}

/** True when a value holds no `${...}` expression anywhere. */
export function isLiteral(value: Value): boolean {
  if (typeof value === "string") return !value.includes("${");
  if (Array.isArray(value)) return value.every(isLiteral);
  if (typeof value === "object" && value !== null) return Object.values(value as Record<string, Value>).every(isLiteral);
  return true;
}

const asList = (v: Value): readonly Value[] => {
  if (!Array.isArray(v)) throw new SyntaxError("expected a list");
  return v;
};
const asMap = (v: Value): Readonly<Record<string, Value>> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new SyntaxError("expected a map");
  return v as Record<string, Value>;
};
const distinct = (list: readonly Value[]): Value[] =>
  list.filter((v, i) => list.findIndex((o) => JSON.stringify(o) === JSON.stringify(v)) === i);

/** Terraform functions evaluated over literal arguments; a set is a list here. */
/** Functions whose result depends only on the shape of their collection arguments, not on the elements' values. */
const STRUCTURAL: ReadonlySet<string> = new Set(["concat", "tolist", "flatten", "merge", "length"]);

const FUNCTIONS: Readonly<Record<string, (args: readonly Value[]) => Value>> = {
  toset: ([v]) => distinct(asList(v)),
  tolist: ([v]) => [...asList(v)],
  tomap: ([v]) => asMap(v),
  tostring: ([v]) => {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    throw new SyntaxError("tostring of a collection");
  },
  tonumber: ([v]) => {
    const n = Number(v);
    if (typeof v === "boolean" || Number.isNaN(n)) throw new SyntaxError("tonumber of a non-number");
    return n;
  },
  length: ([v]) => (typeof v === "string" ? v.length : Array.isArray(v) ? v.length : Object.keys(asMap(v)).length),
  lower: ([v]) => String(v).toLowerCase(),
  upper: ([v]) => String(v).toUpperCase(),
  concat: (args) => args.flatMap((a) => asList(a)),
  distinct: ([v]) => distinct(asList(v)),
  flatten: ([v]) => {
    const flat = (l: readonly Value[]): Value[] => l.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
    return flat(asList(v));
  },
  merge: (args) => Object.assign({}, ...args.map(asMap)) as Record<string, Value>,
  keys: ([v]) => Object.keys(asMap(v)).sort(),
  values: ([v]) => Object.keys(asMap(v)).sort().map((k) => asMap(v)[k]),
  lookup: ([m, k, fallback]) => {
    const map = asMap(m);
    if (typeof k !== "string") throw new SyntaxError("lookup key must be a string");
    if (k in map) return map[k];
    if (fallback === undefined) throw new SyntaxError(`lookup: no key ${k}`);
    return fallback;
  },
};

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseAll(): Value {
    const value = this.expression();
    this.ws();
    if (this.i !== this.s.length) throw new SyntaxError(`unsupported expression near "${this.s.slice(this.i, this.i + 20)}"`);
    return value;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i += 1;
  }

  /** A value, then arithmetic, comparison and a conditional over literal operands (else a SyntaxError). */
  private expression(): Value {
    let value = this.arithmetic();
    this.ws();
    const op = /^(==|!=)/.exec(this.s.slice(this.i))?.[0];
    if (op) {
      this.i += 2;
      const right = this.arithmetic();
      if (!isLiteral(value) || !isLiteral(right)) throw new SyntaxError(`${op} over a value that is not literal`);
      value = (JSON.stringify(value) === JSON.stringify(right)) === (op === "==");
      this.ws();
    }
    if (this.s[this.i] !== "?") return value;
    this.i += 1;
    if (typeof value !== "boolean") throw new SyntaxError("a condition that is not a literal boolean");
    const yes = this.expression();
    this.expect(":");
    const no = this.expression();
    return value ? yes : no;
  }

  private arithmetic(): Value {
    let value = this.value();
    for (;;) {
      this.ws();
      const op = this.s[this.i];
      if (!(op === "+" || op === "*" || op === "/" || (op === "-" && this.s[this.i + 1] !== ">")) || this.s[this.i + 1] === "=") return value;
      this.i += 1;
      const right = this.value();
      if (typeof value !== "number" || typeof right !== "number") throw new SyntaxError(`${op} over a value that is not a literal number`);
      value = op === "+" ? value + right : op === "-" ? value - right : op === "*" ? value * right : value / right;
    }
  }

  private value(): Value {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.tuple();
    if (c === '"') return this.string();
    if (c === "-" || /\d/.test(c ?? "")) return this.number();
    if (/[A-Za-z_]/.test(c ?? "")) return this.identifier();
    throw new SyntaxError(`unexpected "${c ?? "end of input"}"`);
  }

  private expect(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) throw new SyntaxError(`expected "${c}"`);
    this.i += 1;
  }

  private object(): Value {
    this.expect("{");
    const out: Record<string, Value> = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === "}") break;
      const key = this.s[this.i] === '"' ? this.string() : this.word();
      if (typeof key !== "string") throw new SyntaxError("object keys must be strings");
      this.ws();
      if (this.s[this.i] !== "=" && this.s[this.i] !== ":") throw new SyntaxError('expected "=" or ":"');
      this.i += 1;
      out[key] = this.expression();
      this.ws();
      if (this.s[this.i] === ",") this.i += 1;
    }
    this.i += 1;
    return out;
  }

  private tuple(): Value {
    this.expect("[");
    const out: Value[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === "]") break;
      out.push(this.expression());
      this.ws();
      if (this.s[this.i] === ",") this.i += 1;
      else if (this.s[this.i] !== "]") throw new SyntaxError('expected "," or "]"');
    }
    this.i += 1;
    return out;
  }

  private string(): Value {
    const start = this.i;
    this.i = skipString(this.s, start);
    const body = this.s.slice(start + 1, this.i - 1);
    let out = "";
    for (let j = 0; j < body.length; j += 1) {
      const c = body[j];
      if (c === "$" && body[j + 1] === "{") {
        const end = skipExpression(body, j + 2);
        out += body.slice(j, end + 1); // keep the interpolation verbatim
        j = end;
      } else if (c === "\\") {
        const n = body[j + 1];
        j += 1;
        if (n === "n") out += "\n";
        else if (n === "t") out += "\t";
        else if (n === "r") out += "\r";
        else if (n === "u") {
          out += String.fromCharCode(parseInt(body.slice(j + 1, j + 5), 16));
          j += 4;
        } else out += n;
      } else out += c;
    }
    return out;
  }

  private number(): Value {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!match) throw new SyntaxError("bad number");
    this.i += match[0].length;
    return Number(match[0]);
  }

  private word(): string {
    const match = /^[A-Za-z_][\w-]*/.exec(this.s.slice(this.i));
    if (!match) throw new SyntaxError("expected a name");
    this.i += match[0].length;
    return match[0];
  }

  /** true/false/null, a traversal, or a function call; the last two stay `${...}` strings. */
  private identifier(): Value {
    const start = this.i;
    const name = this.word();
    if (name === "true") return true;
    if (name === "false") return false;
    if (name === "null") return null;
    if (this.s[this.i] === "(") {
      this.i += 1;
      const args: Value[] = [];
      for (;;) {
        this.ws();
        if (this.s[this.i] === ")") break;
        args.push(this.expression());
        this.ws();
        if (this.s[this.i] === ",") this.i += 1;
        else if (this.s[this.i] !== ")") throw new SyntaxError('expected "," or ")"');
      }
      this.i += 1;
      if (name === "jsonencode" && args.length === 1) return JSON.stringify(args[0]);
      const fn = FUNCTIONS[name];
      if (fn && args.every(isLiteral)) return fn(args);
      // Functions that only rearrange collections work on collections whose elements are references too.
      if (fn && STRUCTURAL.has(name) && args.every((a) => typeof a === "object" && a !== null)) return fn(args);
      return "${" + this.s.slice(start, this.i) + "}";
    }
    for (;;) {
      if (this.s[this.i] === "." && /[A-Za-z_*]/.test(this.s[this.i + 1] ?? "")) {
        this.i += 1;
        if (this.s[this.i] === "*") this.i += 1;
        else this.word();
      } else if (this.s[this.i] === "[") {
        this.i = this.s.indexOf("]", this.i) + 1;
        if (this.i === 0) throw new SyntaxError("unterminated index");
      } else break;
    }
    return "${" + this.s.slice(start, this.i) + "}";
  }
}

/**
 * Evaluates a literal HCL expression to a JSON-like value. Traversals and function calls become `${...}` strings
 * (references stay followable); operators, conditionals and `for` expressions throw a SyntaxError.
 */
export function evaluateLiteral(source: string): Value {
  return new Parser(source).parseAll();
}
