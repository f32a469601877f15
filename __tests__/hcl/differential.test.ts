/**
 * Differential test of the HCL layer against HashiCorp's own parser (`@cdktf/hcl2json`'s getExpressionAst, compiled
 * from hashicorp/hcl to WASM) over every expression in the policy fixtures, the synthesised example stacks, the
 * generated modules and checkov's fixtures: where HashiCorp's parser accepts an expression, ours parses it too, finds
 * the same references (resource, data, module, var and local traversals), and builds the same operator tree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "cdktf";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../../src/config/load";
import { parseExpression, type Node } from "../../src/hcl/parse";
import { splitTemplate } from "../../src/hcl/template";
import { referencesInString } from "../../src/hcl/traversals";
import { PanintelligenceStack } from "../../src/stack";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require("@cdktf/hcl2json") as {
  parse(file: string, contents: string): Promise<Record<string, unknown>>;
  getExpressionAst(file: string, expression: string): Promise<OracleNode | null>;
};

interface OracleNode {
  readonly type: string;
  readonly children: readonly OracleNode[];
  readonly meta?: { readonly fullAccessor?: string; readonly operator?: string };
}

const root = path.join(__dirname, "..", "..");
const SUITE = path.resolve(root, "..", "shared", "peer-suites", "checkov");

/** Every string holding `${` in a JSON value. */
function strings(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (value.includes("${")) out.add(value);
  } else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) strings(v, out);
}

const files = (dir: string, ext: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : files(full, ext);
        return e.name.endsWith(ext) ? [full] : [];
      })
    : [];

async function corpus(): Promise<string[]> {
  const out = new Set<string>();
  for (const file of files(path.join(root, "__tests__", "policy", "fixtures"), ".tf.json")) strings(JSON.parse(fs.readFileSync(file, "utf8")), out);
  for (const example of ["production.yaml", "existing-vpc.yaml"]) {
    const loaded = loadConfigFile(path.join(root, "examples", example));
    if (!loaded.ok) throw new Error(example);
    for (const config of loaded.environments) strings(JSON.parse(Testing.synth(new PanintelligenceStack(Testing.app(), config.name, { config }))), out);
  }
  for (const file of [
    ...files(path.join(root, "terraform-modules"), ".tf"),
    ...files(SUITE, ".tf"),
    ...files(path.join(root, "__tests__", "policy", "hcl"), ".tf"),
  ]) {
    try {
      strings(await hcl2json.parse(file, fs.readFileSync(file, "utf8")), out);
    } catch {
      // a file HashiCorp's parser rejects holds no expression it accepts
    }
  }
  return [...out].sort();
}

/**
 * The JSON-syntax template as HCL native syntax: literal text quoted and escaped, interpolations verbatim (their own
 * string literals are not escaped inside `${...}`).
 */
function quoted(template: string): string {
  const escapeLiteral = (t: string) =>
    t
      .replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c] as string)
      .replaceAll("${", "$${")
      .replaceAll("%{", "%%{");
  return `"${splitTemplate(template)
    .map((p) => (p.kind === "literal" ? escapeLiteral(p.text) : p.kind === "expr" ? `\${${p.source}}` : `%{${p.source}}`))
    .join("")}"`;
}

const RESOURCE = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;
/** A reference root as the engine counts them. */
function isReference(accessor: string): boolean {
  const [head, second, third] = accessor.split(/[.[]/);
  if (head === "var" || head === "local" || head === "module") return second !== undefined && second !== "";
  if (head === "data") return third !== undefined && third !== "";
  return RESOURCE.test(head) && second !== undefined && second !== "";
}

/** Legacy `.0` steps as `[0]`; HashiCorp's traversal ends where a splat or a computed index begins. */
const normalise = (accessor: string): string =>
  accessor
    .replace(/\.(\d+)(?=$|[.[])/g, "[$1]")
    .replace(/\[\*\].*$/, "")
    .replace(/\[(?!\d+\]|"[^"]*"\])[^\]]*\].*$/, "");

function oracleReferences(node: OracleNode | null, out: string[] = []): string[] {
  if (!node) return out;
  if (node.type === "scopeTraversal" && node.meta?.fullAccessor && isReference(node.meta.fullAccessor)) out.push(normalise(node.meta.fullAccessor));
  for (const c of node.children ?? []) oracleReferences(c, out);
  return out;
}

const OPERATORS: Readonly<Record<string, string>> = {
  "+": "add",
  "-": "subtract",
  "*": "multiply",
  "/": "divide",
  "%": "modulo",
  "==": "equal",
  "!=": "notEqual",
  "<": "lessThan",
  "<=": "lessThanOrEqual",
  ">": "greaterThan",
  ">=": "greaterThanOrEqual",
  "&&": "logicalAnd",
  "||": "logicalOr",
};

/** The binary-operator tree: `(multiply (add) ...)`, leaves dropped: precedence and associativity only. */
function oracleShape(node: OracleNode | null): string {
  if (!node) return "";
  const inner = (node.children ?? []).map(oracleShape).filter(Boolean).join(" ");
  return node.type === "binaryOp" ? `(${node.meta?.operator ?? "?"}${inner ? ` ${inner}` : ""})` : inner;
}
function ourShape(node: Node): string {
  const children: Node[] = [];
  switch (node.type) {
    case "binary": {
      const inner = [ourShape(node.left), ourShape(node.right)].filter(Boolean).join(" ");
      return `(${OPERATORS[node.op]}${inner ? ` ${inner}` : ""})`;
    }
    case "template":
      children.push(...node.parts.filter((p): p is Node => typeof p !== "string"));
      break;
    case "traversal":
      children.push(node.root, ...node.steps.flatMap((s) => (s.kind === "index" ? [s.key] : [])));
      break;
    case "call":
      children.push(...node.args);
      break;
    case "tuple":
      children.push(...node.items);
      break;
    case "object":
      children.push(...node.items.flatMap((i) => [i.key, i.value]));
      break;
    case "unary":
      children.push(node.operand);
      break;
    case "conditional":
      children.push(node.condition, node.yes, node.no);
      break;
    case "paren":
      children.push(node.inner);
      break;
    case "for":
      children.push(...[node.collection, node.key, node.value, node.condition].filter((n): n is Node => !!n));
      break;
    default:
      break;
  }
  return children.map(ourShape).filter(Boolean).join(" ");
}

describe("differential: src/hcl against HashiCorp's parser", () => {
  let expressions: string[];
  const oracle = new Map<string, OracleNode | null>();

  beforeAll(async () => {
    expressions = await corpus();
    for (const e of expressions) {
      try {
        oracle.set(e, await hcl2json.getExpressionAst("expression.tf", quoted(e)));
      } catch {
        oracle.set(e, null);
      }
    }
  }, 600_000);

  it("covers the corpus (fixtures, synthesised stacks, modules, checkov's fixtures)", () => {
    expect(expressions.length).toBeGreaterThan(1000);
    // HashiCorp's parser accepts all but a handful (templates of checkov fixtures Terraform rejects too)
    expect([...oracle.values()].filter(Boolean).length).toBeGreaterThan(expressions.length * 0.98);
  });

  it("parses every expression HashiCorp's parser accepts", () => {
    const failures = expressions.flatMap((e) => {
      if (!oracle.get(e)) return [];
      try {
        for (const part of splitTemplate(e)) if (part.kind === "expr") parseExpression(part.source);
        return [];
      } catch (error) {
        return [`${e.slice(0, 120)}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it("finds the same references", () => {
    const differences = expressions.flatMap((e) => {
      const theirs = oracle.get(e);
      if (!theirs) return [];
      const ours = referencesInString(e).map(normalise).sort();
      const expected = oracleReferences(theirs).sort();
      return JSON.stringify(ours) === JSON.stringify(expected)
        ? []
        : [`${e.slice(0, 160)}\n  ours ${JSON.stringify(ours)}\n  hcl  ${JSON.stringify(expected)}`];
    });
    expect(differences).toEqual([]);
  });

  it("builds the same operator tree (precedence and associativity)", () => {
    const differences = expressions.flatMap((e) => {
      const theirs = oracle.get(e);
      if (!theirs) return [];
      const ours = splitTemplate(e)
        .flatMap((p) => (p.kind === "expr" ? [ourShape(parseExpression(p.source))] : []))
        .filter(Boolean)
        .join(" ");
      const expected = oracleShape(theirs);
      return ours === expected ? [] : [`${e.slice(0, 160)}: ours ${ours}, hcl ${expected}`];
    });
    expect(differences).toEqual([]);
  });

  it("agrees on hand-picked cases: precedence, keyed instances, nested indexes", async () => {
    for (const e of ["${10 - 2 * 2}", "${a || b && c == d + e * f}", '${aws_s3_bucket.this["a-b"].arn}', "${x[y[0]].z}", "${!a ? b : c}"]) {
      const theirs = await hcl2json.getExpressionAst("expression.tf", quoted(e));
      const [part] = splitTemplate(e);
      if (part.kind !== "expr") throw new Error(e);
      expect(ourShape(parseExpression(part.source)), e).toBe(oracleShape(theirs));
      expect(referencesInString(e).map(normalise).sort(), e).toEqual(oracleReferences(theirs).sort());
    }
  });
});
