/**
 * YAML/JSON text → plain data, with every refusal of the parser turned into a config issue (never a stack trace):
 * syntax errors with their position once, duplicate keys (found in one linear pass: the parser's own check is
 * quadratic), alias bombs, nesting deep enough to exhaust the stack.
 */
import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import type { ConfigIssue } from "./issues";

/** Aliases a document may expand: enough for any real anchor use, far from an exponential "billion laughs". */
export const MAX_ALIAS_COUNT = 100;
/** Parser errors listed before the rest are summarised: one bad bracket can cascade into hundreds. */
const MAX_REPORTED_SYNTAX_ERRORS = 5;
/** Flow brackets ([ {) nested deeper than this are refused before parsing: the parser's recursion is slow to fail. */
export const MAX_FLOW_DEPTH = 64;

export type ParseResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export function parseConfigText(text: string): ParseResult {
  if (flowDepth(text, MAX_FLOW_DEPTH) > MAX_FLOW_DEPTH) {
    return refuse(`nests brackets ([ or {) more than ${MAX_FLOW_DEPTH} deep; a configuration is a few levels of mappings and lists`);
  }
  const lines = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter: lines });
  } catch (error) {
    return refuse(`could not be parsed (${(error as Error).message}); keep it a plain YAML or JSON document`);
  }
  const at = (offset: number | undefined) => {
    if (offset === undefined) return "";
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}: `;
  };
  if (document.errors.length > 0) {
    const issues: ConfigIssue[] = document.errors.slice(0, MAX_REPORTED_SYNTAX_ERRORS).map((error) => ({
      path: "",
      message: `not valid YAML/JSON at ${at(error.pos[0])}${syntaxMessage(error.code, error.message)}`,
    }));
    const more = document.errors.length - issues.length;
    if (more > 0) issues.push({ path: "", message: `and ${more} more YAML errors after these; fix the first one and run again` });
    return { ok: false, issues };
  }
  let problems: Problem[];
  try {
    problems = structureProblems(document);
  } catch {
    return refuse("is nested too deeply to read; a configuration is a few levels of mappings and lists");
  }
  if (problems.length > 0) {
    return {
      ok: false,
      issues: problems
        .slice(0, MAX_REPORTED_SYNTAX_ERRORS)
        .map(({ offset, message }) => ({ path: "", message: `not valid YAML/JSON at ${at(offset)}${message}` })),
    };
  }
  try {
    return { ok: true, data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = (error as Error).message;
    if (/alias count/i.test(message)) {
      return refuse(`expands its aliases (*name) more than ${MAX_ALIAS_COUNT} times; an alias bomb is refused: write the values out or use fewer aliases`);
    }
    if (/Unresolved alias/i.test(message)) return refuse("uses an alias (*name) before its anchor (&name) is defined; define the anchor first");
    if (error instanceof RangeError) return refuse("is nested too deeply to read; a configuration is a few levels of mappings and lists");
    return refuse(`could not be read: ${message.split("\n")[0]}`);
  }
}

function refuse(message: string): ParseResult {
  return { ok: false, issues: [{ path: "", message }] };
}

/** The parser's message without its position (given once, in front) and without advice meant for programmers. */
function syntaxMessage(code: string, message: string): string {
  if (code === "MULTIPLE_DOCS") return "the file holds more than one YAML document (a second '---'); keep exactly one";
  if (code === "RESOURCE_EXHAUSTION") return "nested too deeply to read; a configuration is a few levels of mappings and lists";
  if (code === "TAB_AS_INDENT") return "tabs are not allowed as indentation; indent with spaces";
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?\s*$/, "");
}

/** A problem the parser does not report, at its offset in the text. */
interface Problem {
  readonly offset: number;
  readonly message: string;
}

/** The tags of plain YAML values: `!!str 12` is fine; `!!omap`, `!!set`, `!!binary`, `!!timestamp` or `!custom` are not. */
const PLAIN_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Keys repeated within one mapping (one Set per mapping, so linear in the number of keys), and tagged values that
 * would become something other than text, numbers, booleans, lists and mappings (a `!!omap` turns into an empty
 * mapping for the validator: the settings in it would be silently ignored).
 */
function structureProblems(document: Document.Parsed): Problem[] {
  const problems: Problem[] = [];
  const offsetOf = (node: unknown) => (node as { range?: [number] } | null)?.range?.[0] ?? 0;
  const checkTag = (node: { tag?: string }) => {
    if (node.tag !== undefined && !PLAIN_TAGS.has(node.tag)) {
      problems.push({
        offset: offsetOf(node),
        message: `the YAML tag ${node.tag.replace("tag:yaml.org,2002:", "!!")} is not allowed; write plain text, numbers, true/false, lists and mappings`,
      });
    }
  };
  visit(document, {
    Scalar(_, scalar) {
      checkTag(scalar);
    },
    Seq(_, seq) {
      checkTag(seq);
    },
    Map(_, map) {
      checkTag(map);
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : isAlias(pair.key) ? `*${pair.key.source}` : pair.key;
        if (seen.has(key)) {
          problems.push({ offset: offsetOf(pair.key), message: "this key is given twice in one mapping; keep one (the second would silently win)" });
        }
        seen.add(key);
      }
    },
  });
  return problems.sort((a, b) => a.offset - b.offset);
}

/**
 * Deepest nesting of flow brackets outside quotes and comments, counted up to `limit` + 1. A heuristic (a plain
 * scalar may hold an unmatched bracket), but only a document far beyond any real one gets near the limit.
 */
function flowDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length && deepest <= limit; i++) {
    const ch = text[i];
    if (ch === "[" || ch === "{") deepest = Math.max(deepest, ++depth);
    else if ((ch === "]" || ch === "}") && depth > 0) depth--;
    else if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (ch === "'") {
      for (i++; i < text.length && !(text[i] === "'" && text[i + 1] !== "'"); i++) if (text[i] === "'") i++;
    } else if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== "\n") i++;
    }
  }
  return deepest;
}
