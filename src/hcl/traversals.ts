/**
 * The references of an expression, read from its AST: resource, data-source, module, variable and local traversals,
 * with their literal index keys kept (`aws_s3_bucket.this["a-b"].arn`), including those nested in index keys
 * (`a[b[0]]`), calls, templates and string literals.
 */
import { evaluateNode } from "./evaluate";
import { parseExpression, scopedChildren, type Node, type Step } from "./parse";
import { splitTemplate } from "./template";

/** A resource type always has a provider prefix with an underscore (aws_vpc, random_password). */
const RESOURCE_TYPE = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/** Steps a reference root needs before it names something: `var.x` 1, `aws_vpc.main` 1, `data.t.n` 2, `module.m` 1. */
function isReferenceRoot(name: string, steps: readonly Step[]): boolean {
  const attrs = steps.findIndex((s) => s.kind !== "attr");
  const leading = attrs < 0 ? steps.length : attrs;
  if (name === "var" || name === "local" || name === "module") return leading >= 1;
  if (name === "data") return leading >= 2;
  return RESOURCE_TYPE.test(name) && leading >= 1;
}

/** One step as reference text: literal keys as Terraform writes addresses (`[0]`, `["a-b"]`), others as source. */
function stepText(source: string, step: Step): string {
  if (step.kind === "attr") return `.${step.name}`;
  if (step.kind === "splat") return "[*]";
  try {
    const key = evaluateNode(source, step.key);
    if (typeof key === "number" || (typeof key === "string" && !key.includes("${"))) return `[${JSON.stringify(key)}]`;
  } catch {
    // not literal: kept as written
  }
  return `[${source.slice(step.key.start, step.key.end)}]`;
}

export interface Traversal {
  /** Canonical text: `aws_s3_bucket.this["a-b"].arn`. */
  readonly text: string;
  readonly root: string;
  readonly steps: readonly Step[];
  readonly start: number;
  readonly end: number;
}

/** Every reference traversal in a parsed expression, outermost first, in source order. */
export function traversalsOf(source: string, node: Node): readonly Traversal[] {
  const out: Traversal[] = [];
  const walk = (n: Node, shadowed: ReadonlySet<string>): void => {
    switch (n.type) {
      case "traversal":
        if (n.root.type === "variable" && !shadowed.has(n.root.name) && isReferenceRoot(n.root.name, n.steps))
          out.push({ text: n.root.name + n.steps.map((s) => stepText(source, s)).join(""), root: n.root.name, steps: n.steps, start: n.start, end: n.end });
        else walk(n.root, shadowed);
        for (const s of n.steps) if (s.kind === "index") walk(s.key, shadowed);
        return;
      case "for": {
        walk(n.collection, shadowed);
        const inner = new Set([...shadowed, n.valueVar, ...(n.keyVar ? [n.keyVar] : [])]);
        for (const c of [n.key, n.value, n.condition]) if (c) walk(c, inner);
        return;
      }
      default:
        for (const child of scopedChildren(n)) walk(child, shadowed);
    }
  };
  walk(node, new Set());
  return out;
}

/**
 * The text of a whole `${...}` string that is one plain traversal of names (`aws_x.y`, `module.m.aws_x.y`, `each`),
 * with no index or splat; undefined for anything else.
 */
export function plainTraversal(value: string): string | undefined {
  const parts = (() => {
    try {
      return splitTemplate(value);
    } catch {
      return [];
    }
  })();
  if (parts.length !== 1 || parts[0].kind !== "expr") return undefined;
  try {
    const node = parseExpression(parts[0].source);
    if (node.type === "variable") return node.name;
    if (node.type === "traversal" && node.root.type === "variable" && node.steps.every((s) => s.kind === "attr"))
      return [node.root.name, ...node.steps.map((s) => (s as { name: string }).name)].join(".");
  } catch {
    // not an expression
  }
  return undefined;
}

/** Traversals (`aws_vpc.main.id`, `data.x.y.json`, `var.z`) in an expression's source; [] when it does not parse. */
export function traversalsIn(source: string): readonly string[] {
  try {
    return traversalsOf(source, parseExpression(source)).map((t) => t.text);
  } catch {
    return [];
  }
}

/** Every traversal inside the `${...}` parts of a JSON-syntax string. */
export function referencesInString(s: string): readonly string[] {
  if (!s.includes("${")) return [];
  try {
    return splitTemplate(s).flatMap((part) => (part.kind === "expr" ? traversalsIn(part.source) : []));
  } catch {
    return [];
  }
}

/**
 * The expression with each reference traversal's head rewritten: `rewrite(root, first attribute)` returns the new text
 * for `root.attr` (`aws_x.name` → `aws_x.name[0]`, a renamed resource), or undefined to keep it.
 */
export function rewriteTraversalHeads(source: string, rewrite: (root: string, name: string) => string | undefined): string {
  const node = parseExpression(source);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const t of traversalsOf(source, node)) {
    const data = t.root === "data";
    const steps = t.steps as readonly Step[];
    const [typeStep, nameStep] = data ? [steps[0], steps[1]] : [{ kind: "attr" as const, name: t.root }, steps[0]];
    if (typeStep?.kind !== "attr" || nameStep?.kind !== "attr") continue;
    const replaced = rewrite(data ? `data.${typeStep.name}` : typeStep.name, nameStep.name);
    if (replaced === undefined) continue;
    // the head is `root.attr` (or `data.type.name`): find where its last name ends in the source
    const headSource = source.slice(t.start, t.end);
    const head = new RegExp(`^${data ? "data\\s*\\.\\s*" : ""}${escapeRegExp(typeStep.name)}\\s*\\.\\s*${escapeRegExp(nameStep.name)}`).exec(headSource);
    if (!head) continue;
    edits.push({ start: t.start, end: t.start + head[0].length, text: replaced });
  }
  let out = "";
  let at = 0;
  for (const e of edits.sort((a, b) => a.start - b.start)) {
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/** The same for a template (a JSON-syntax string): literal text is kept, the heads in its `${...}` parts rewritten. */
export function rewriteTemplateHeads(template: string, rewrite: (root: string, name: string) => string | undefined): string {
  if (!template.includes("${")) return template;
  return splitTemplate(template)
    .map((part) => {
      if (part.kind === "literal") return part.text.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
      if (part.kind === "directive") return `%{${part.source}}`;
      return `\${${rewriteTraversalHeads(part.source, rewrite)}}`;
    })
    .join("");
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
