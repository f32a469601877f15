/**
 * The one tokenizer of Terraform's expression syntax (HCL native syntax, expression mode): every scanner of the
 * project — template splitting, bracket matching, the parser, reference rewriting — reads expressions through it.
 * A quoted string (or heredoc) is one token holding its template parts; the `${...}` inside are kept as source
 * slices, tokenized again when they are parsed.
 */

export type TokenKind = "ident" | "number" | "string" | "heredoc" | "punct" | "eof";

/** A piece of a template: literal text (escapes decoded) or the source of a `${...}` interpolation. */
export type TemplatePart =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "expr"; readonly source: string; readonly start: number; readonly stripLeft?: boolean; readonly stripRight?: boolean }
  | { readonly kind: "directive"; readonly source: string };

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offsets into the tokenized source (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** Template parts of a string or heredoc token. */
  readonly parts?: readonly TemplatePart[];
}

export class HclSyntaxError extends SyntaxError {}

const PUNCT = ["...", "==", "!=", "<=", ">=", "&&", "||", "=>", "+", "-", "*", "/", "%", "!", "<", ">", "?", ":", "=", ",", ".", "(", ")", "[", "]", "{", "}"];

/** A `\` escape of a quoted string (HCL: \n \r \t \" \\ \uNNNN \UNNNNNNNN): [decoded text, length consumed]. */
function unescapeAt(s: string, i: number): [string, number] {
  const c = s[i + 1];
  const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
  if (c !== undefined && c in simple) return [simple[c], 2];
  if (c === "u" || c === "U") {
    const width = c === "u" ? 4 : 8;
    const hex = s.slice(i + 2, i + 2 + width);
    if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(hex)) throw new HclSyntaxError(`invalid \\${c} escape`);
    return [String.fromCodePoint(parseInt(hex, 16)), 2 + width];
  }
  throw new HclSyntaxError(`invalid escape \\${c ?? ""}`);
}

/**
 * Scans a template from `start` until `stop` (a closing quote, or the end of input for a bare template). Returns the
 * parts and the index of the terminator. `quoted`: backslash escapes apply (quoted strings, not heredocs or JSON
 * string values, whose escapes JSON already decoded).
 */
export function scanTemplate(s: string, start: number, stop: '"' | "end", quoted: boolean): { parts: TemplatePart[]; end: number } {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = start;
  const flush = () => {
    if (text) parts.push({ kind: "literal", text });
    text = "";
  };
  while (i < s.length) {
    const c = s[i];
    if (stop === '"' && c === '"') {
      flush();
      return { parts, end: i };
    }
    if (quoted && c === "\\") {
      const [decoded, length] = unescapeAt(s, i);
      text += decoded;
      i += length;
    } else if ((c === "$" || c === "%") && s[i + 1] === c && s[i + 2] === "{") {
      text += `${c}{`; // `$${` and `%%{` are literal
      i += 3;
    } else if ((c === "$" || c === "%") && s[i + 1] === "{") {
      flush();
      const close = closingBrace(s, i + 1);
      let body = s.slice(i + 2, close);
      const stripLeft = body.startsWith("~");
      const stripRight = body.endsWith("~");
      body = body.slice(stripLeft ? 1 : 0, stripRight ? body.length - 1 : body.length);
      if (c === "$")
        parts.push({ kind: "expr", source: body.trim(), start: i + 2 + (stripLeft ? 1 : 0) + (body.length - body.trimStart().length), stripLeft, stripRight });
      else parts.push({ kind: "directive", source: body.trim() });
      i = close + 1;
    } else {
      text += c;
      i += 1;
    }
  }
  if (stop === '"') throw new HclSyntaxError("unterminated string");
  flush();
  return { parts, end: i };
}

/** Index of the `}` closing the `{` at `open`, skipping nested strings, heredocs and brackets. */
function closingBrace(s: string, open: number): number {
  const end = tokenize(s, open + 1, true).at(-1)?.start ?? s.length;
  if (s[end] !== "}") throw new HclSyntaxError(end >= s.length ? "unterminated ${" : `unexpected "${s[end]}"`);
  return end;
}

const IDENT = /[A-Za-z_][\w-]*/y;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const DIGITS = /\d+/y;
const HEREDOC = /<<(-?)([A-Za-z_][\w-]*)\r?\n/y;

/**
 * Tokens of an expression from `start`. `untilUnbalanced`: stop (with an eof token) at the first closing bracket
 * with no opening one, so an interpolation's tokens end at its `}`.
 */
export function tokenize(s: string, start = 0, untilUnbalanced = false): Token[] {
  const out: Token[] = [];
  let depth = 0;
  let i = start;
  const push = (kind: TokenKind, end: number, parts?: TemplatePart[]) => {
    out.push({ kind, text: s.slice(i, end), start: i, end, ...(parts ? { parts } : {}) });
    i = end;
  };
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "#" || (c === "/" && s[i + 1] === "/")) {
      while (i < s.length && s[i] !== "\n") i += 1;
      continue;
    }
    if (c === "/" && s[i + 1] === "*") {
      const end = s.indexOf("*/", i + 2);
      if (end < 0) throw new HclSyntaxError("unterminated comment");
      i = end + 2;
      continue;
    }
    if (c === '"') {
      const { parts, end } = scanTemplate(s, i + 1, '"', true);
      push("string", end + 1, parts);
      continue;
    }
    HEREDOC.lastIndex = i;
    const heredoc = HEREDOC.exec(s);
    if (heredoc) {
      const bodyStart = i + heredoc[0].length;
      const marker = new RegExp(`^[ \\t]*${heredoc[2]}[ \\t]*$`, "m");
      const rest = s.slice(bodyStart);
      const m = marker.exec(rest);
      if (!m) throw new HclSyntaxError(`unterminated heredoc ${heredoc[2]}`);
      let body = rest.slice(0, m.index);
      if (heredoc[1] === "-") {
        const lines = body.split("\n");
        const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0));
        body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n");
      }
      const { parts } = scanTemplate(body, 0, "end", false);
      push("heredoc", bodyStart + m.index + m[0].length, parts);
      continue;
    }
    const previous = out.at(-1);
    if (/\d/.test(c)) {
      // after a dot a number is a legacy index step (`a.0.b`): digits only
      const re = previous?.text === "." && previous.kind === "punct" ? DIGITS : NUMBER;
      re.lastIndex = i;
      push("number", i + (re.exec(s)?.[0].length ?? 1));
      continue;
    }
    IDENT.lastIndex = i;
    const ident = IDENT.exec(s);
    if (ident) {
      push("ident", i + ident[0].length);
      continue;
    }
    const op = PUNCT.find((p) => s.startsWith(p, i));
    if (!op) throw new HclSyntaxError(`unexpected character "${c}"`);
    if (op === "(" || op === "[" || op === "{") depth += 1;
    if (op === ")" || op === "]" || op === "}") {
      if (depth === 0 && untilUnbalanced) break;
      depth -= 1;
    }
    push("punct", i + op.length);
  }
  out.push({ kind: "eof", text: "", start: i, end: i });
  return out;
}
