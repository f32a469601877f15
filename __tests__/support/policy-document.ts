/**
 * Test support: read the policy document cdktf emits as `${jsonencode({"Key" = value, …})}` back into a JSON object.
 * References and function calls outside string literals (`aws_s3_bucket.x.arn`, `tostring(aws_db_instance.x.port)`)
 * become `"${...}"` strings.
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

export function policyDocument(expression: string): PolicyDocument {
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression);
  if (!match) throw new Error(`not a \${jsonencode(...)} expression: ${expression.slice(0, 60)}`);
  return JSON.parse(hclToJson(match[1])) as PolicyDocument;
}

function hclToJson(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '"') {
      const end = endOfString(source, i);
      out += source.slice(i, end);
      i = end;
    } else if (c === "=") {
      out += ":";
      i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      // A reference may carry index brackets (`x[0].id`) but never swallows the `]` that closes a list.
      const word = /^[A-Za-z_][\w.\-*]*(?:\[[^\]]*\][\w.\-*]*)*/.exec(source.slice(i))![0];
      const end = source[i + word.length] === "(" ? endOfCall(source, i + word.length) : i + word.length;
      const text = source.slice(i, end);
      out += ["true", "false", "null"].includes(text) ? text : JSON.stringify(`\${${text}}`);
      i = end;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** Index just after the parenthesis that closes the one opening at `open`, skipping string literals. */
function endOfCall(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; ) {
    if (s[i] === '"') {
      i = endOfString(s, i);
      continue;
    }
    if (s[i] === "(") depth += 1;
    else if (s[i] === ")" && --depth === 0) return i + 1;
    i += 1;
  }
  throw new Error("unterminated call in policy expression");
}

/** Index just after the string literal opening at `start`, skipping escapes and `${…}` interpolations. */
function endOfString(s: string, start: number): number {
  let i = start + 1;
  let depth = 0;
  while (i < s.length) {
    if (s[i] === "\\") i += 2;
    else if (s[i] === "$" && s[i + 1] === "{") {
      depth += 1;
      i += 2;
    } else if (s[i] === "}" && depth > 0) {
      depth -= 1;
      i += 1;
    } else if (s[i] === '"' && depth === 0) return i + 1;
    else i += 1;
  }
  throw new Error("unterminated string in policy expression");
}

/** The statement with this Sid (fails the test with the Sids present when there is none). */
export function statement(document: PolicyDocument, sid: string): PolicyStatement {
  const found = document.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}; have ${document.Statement.map((s) => s.Sid).join(", ")}`);
  return found;
}
