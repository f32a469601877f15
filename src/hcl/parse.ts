/**
 * Parses Terraform expressions (HCL native syntax) into a small AST, with HCL's operator precedence (hclsyntax spec):
 * unary `!` `-` bind tightest, then `*` `/` `%`, then `+` `-`, then `>` `>=` `<` `<=`, then `==` `!=`, then `&&`, then
 * `||`, then the conditional `? :`. Every node keeps its source span.
 */
import { HclSyntaxError, tokenize, type TemplatePart, type Token } from "./tokens";

export type Step = { readonly kind: "attr"; readonly name: string } | { readonly kind: "index"; readonly key: Node } | { readonly kind: "splat" };

export type Node = { readonly start: number; readonly end: number } & (
  | { readonly type: "literal"; readonly value: null | boolean | number }
  | { readonly type: "template"; readonly parts: readonly (string | Node)[]; readonly directive: boolean }
  | { readonly type: "variable"; readonly name: string }
  /** A traversal: a root (a variable, or any expression in parentheses/call) followed by steps. */
  | { readonly type: "traversal"; readonly root: Node; readonly steps: readonly Step[] }
  | { readonly type: "call"; readonly name: string; readonly args: readonly Node[]; readonly expand: boolean }
  | { readonly type: "tuple"; readonly items: readonly Node[] }
  | { readonly type: "object"; readonly items: readonly { readonly key: Node; readonly value: Node }[] }
  | { readonly type: "unary"; readonly op: "!" | "-"; readonly operand: Node }
  | { readonly type: "binary"; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly type: "conditional"; readonly condition: Node; readonly yes: Node; readonly no: Node }
  | { readonly type: "paren"; readonly inner: Node }
  | {
      readonly type: "for";
      readonly object: boolean;
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Node;
      readonly key?: Node;
      readonly value: Node;
      readonly condition?: Node;
      readonly group: boolean;
    }
);

/**
 * The sub-expressions a node evaluates in its own scope, in source order: every kind but traversals (their root is a
 * reference or an expression) and `for` (it binds names for its body), which each walker treats itself.
 */
export function scopedChildren(node: Node): readonly Node[] {
  switch (node.type) {
    case "template":
      return node.parts.filter((p): p is Node => typeof p !== "string");
    case "paren":
      return [node.inner];
    case "tuple":
      return node.items;
    case "object":
      return node.items.flatMap((i) => (i.key.type === "variable" ? [i.value] : [i.key, i.value]));
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "conditional":
      return [node.condition, node.yes, node.no];
    case "call":
      return node.args;
    default:
      return [];
  }
}

const BINARY: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!="], [">", ">=", "<", "<="], ["+", "-"], ["*", "/", "%"]];

class Parser {
  private k = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.k + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    this.k += 1;
    return t;
  }
  private is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "punct" && t.text === text;
  }
  private expect(text: string): Token {
    if (!this.is(text)) throw new HclSyntaxError(`expected "${text}" near "${this.source.slice(this.peek().start, this.peek().start + 20)}"`);
    return this.next();
  }

  all(): Node {
    const node = this.expression();
    if (this.peek().kind !== "eof")
      throw new HclSyntaxError(`unexpected "${this.peek().text}" near "${this.source.slice(this.peek().start, this.peek().start + 20)}"`);
    return node;
  }

  expression(): Node {
    const condition = this.binary(0);
    if (!this.is("?")) return condition;
    this.next();
    const yes = this.expression();
    this.expect(":");
    const no = this.expression();
    return { type: "conditional", condition, yes, no, start: condition.start, end: no.end };
  }

  private binary(level: number): Node {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek().kind === "punct" && BINARY[level].includes(this.peek().text)) {
      const op = this.next().text;
      const right = this.binary(level + 1);
      left = { type: "binary", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Node {
    if (this.is("!") || this.is("-")) {
      const op = this.next();
      const operand = this.unary();
      return { type: "unary", op: op.text as "!" | "-", operand, start: op.start, end: operand.end };
    }
    return this.postfix(this.primary());
  }

  /** Attribute, index and splat steps after a primary expression. */
  private postfix(root: Node): Node {
    const steps: Step[] = [];
    let end = root.end;
    for (;;) {
      if (this.is(".") && this.peek(1).kind === "ident") {
        this.next();
        const name = this.next();
        steps.push({ kind: "attr", name: name.text });
        end = name.end;
      } else if (this.is(".") && this.peek(1).kind === "number") {
        this.next();
        const n = this.next();
        steps.push({ kind: "index", key: { type: "literal", value: Number(n.text), start: n.start, end: n.end } });
        end = n.end;
      } else if (this.is(".") && this.is("*", 1)) {
        this.next();
        end = this.next().end;
        steps.push({ kind: "splat" });
      } else if (this.is("[") && this.is("*", 1) && this.is("]", 2)) {
        this.next();
        this.next();
        end = this.next().end;
        steps.push({ kind: "splat" });
      } else if (this.is("[")) {
        this.next();
        const key = this.expression();
        end = this.expect("]").end;
        steps.push({ kind: "index", key });
      } else break;
    }
    return steps.length ? { type: "traversal", root, steps, start: root.start, end } : root;
  }

  private primary(): Node {
    const t = this.next();
    if (t.kind === "number") return { type: "literal", value: Number(t.text), start: t.start, end: t.end };
    if (t.kind === "string" || t.kind === "heredoc") return this.template(t);
    if (t.kind === "ident") {
      if (t.text === "true" || t.text === "false") return { type: "literal", value: t.text === "true", start: t.start, end: t.end };
      if (t.text === "null") return { type: "literal", value: null, start: t.start, end: t.end };
      if (this.is("(")) return this.call(t);
      return { type: "variable", name: t.text, start: t.start, end: t.end };
    }
    if (t.kind === "punct" && t.text === "(") {
      const inner = this.expression();
      const close = this.expect(")");
      return { type: "paren", inner, start: t.start, end: close.end };
    }
    if (t.kind === "punct" && t.text === "[") return this.tuple(t);
    if (t.kind === "punct" && t.text === "{") return this.object(t);
    throw new HclSyntaxError(t.kind === "eof" ? "unexpected end of expression" : `unexpected "${t.text}"`);
  }

  private template(t: Token): Node {
    const parts = (t.parts ?? []).flatMap((p: TemplatePart): (string | Node)[] => {
      if (p.kind === "literal") return [p.text];
      if (p.kind === "directive") return [];
      return [parseAt(this.source, p.start, p.source.length)];
    });
    return { type: "template", parts, directive: (t.parts ?? []).some((p) => p.kind === "directive"), start: t.start, end: t.end };
  }

  private call(name: Token): Node {
    this.expect("(");
    const args: Node[] = [];
    let expand = false;
    while (!this.is(")")) {
      args.push(this.expression());
      if (this.is("...")) {
        this.next();
        expand = true;
      }
      if (!this.is(",")) break;
      this.next();
    }
    const close = this.expect(")");
    return { type: "call", name: name.text, args, expand, start: name.start, end: close.end };
  }

  private forHeader(): { keyVar?: string; valueVar: string; collection: Node } {
    this.next(); // for
    const first = this.next().text;
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.is(",")) {
      this.next();
      keyVar = first;
      valueVar = this.next().text;
    }
    const word = this.next();
    if (word.text !== "in") throw new HclSyntaxError('expected "in"');
    const collection = this.expression();
    this.expect(":");
    return { keyVar, valueVar, collection };
  }

  private forCondition(): Node | undefined {
    if (this.peek().kind === "ident" && this.peek().text === "if") {
      this.next();
      return this.expression();
    }
    return undefined;
  }

  private tuple(open: Token): Node {
    if (this.peek().kind === "ident" && this.peek().text === "for" && this.peek(1).kind === "ident") {
      const header = this.forHeader();
      const value = this.expression();
      const condition = this.forCondition();
      const close = this.expect("]");
      return { type: "for", object: false, ...header, value, condition, group: false, start: open.start, end: close.end };
    }
    const items: Node[] = [];
    while (!this.is("]")) {
      items.push(this.expression());
      if (!this.is(",")) break;
      this.next();
    }
    const close = this.expect("]");
    return { type: "tuple", items, start: open.start, end: close.end };
  }

  private object(open: Token): Node {
    if (this.peek().kind === "ident" && this.peek().text === "for" && this.peek(1).kind === "ident") {
      const header = this.forHeader();
      const key = this.expression();
      this.expect("=>");
      const value = this.expression();
      let group = false;
      if (this.is("...")) {
        this.next();
        group = true;
      }
      const condition = this.forCondition();
      const close = this.expect("}");
      return { type: "for", object: true, ...header, key, value, condition, group, start: open.start, end: close.end };
    }
    const items: { key: Node; value: Node }[] = [];
    while (!this.is("}")) {
      const key = this.expression();
      if (!this.is("=") && !this.is(":")) throw new HclSyntaxError('expected "=" or ":"');
      this.next();
      const value = this.expression();
      items.push({ key, value });
      if (this.is(",")) this.next();
    }
    const close = this.expect("}");
    return { type: "object", items, start: open.start, end: close.end };
  }
}

/** Parses the expression `source.slice(start, start + length)`, spans relative to `source`. */
function parseAt(source: string, start: number, length: number): Node {
  const tokens = tokenize(source.slice(0, start + length), start);
  return new Parser(source, tokens).all();
}

/** The AST of one expression (the inside of a `${...}`); throws HclSyntaxError. */
export function parseExpression(source: string): Node {
  return new Parser(source, tokenize(source)).all();
}

/** The source text of a node. */
export const sourceOf = (source: string, node: Node): string => source.slice(node.start, node.end);
