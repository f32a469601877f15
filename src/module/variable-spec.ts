/**
 * A module input that stands for one value field of the configuration. Its description, default and validation come
 * from the config schema (the one place defaults and rules live); the module only names it and gives its type.
 */
import { ref, Token } from "cdktf";
import { configJsonSchema } from "../config/json-schema";

export type VariableType = "string" | "number" | "bool" | "list(string)";

export interface ModuleVariable {
  /** Terraform name (snake_case). */
  readonly name: string;
  readonly type: VariableType;
  /**
   * Dotted path of the field in a resolved environment (`database.instanceClass`); the schema describes it. Omit for
   * inputs that have no config field of their own (then give `description`).
   */
  readonly configPath?: string;
  /** @default the field's description in the config schema */
  readonly description?: string;
  /** @default the field's default in the config schema; `undefined` and no schema default make the input required */
  readonly default?: unknown;
  /**
   * An HCL expression that stands for the field instead of the input itself (a default derived from other inputs, as
   * the config derives it); the module keeps it as `local.<name>`. @default the field is `var.<name>`
   */
  readonly local?: string;
  /** Extra validations beyond what the schema's own rules express, as [condition, error message]. */
  readonly validations?: ReadonlyArray<readonly [string, string]>;
}

type JsonSchemaNode = {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly items?: JsonSchemaNode;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly oneOf?: readonly JsonSchemaNode[];
};

/** The schema node of a field of one environment; in a union (network modes), the first variant that has it. */
export function fieldSchema(path: string): JsonSchemaNode {
  const root = configJsonSchema() as { properties: { environments: { additionalProperties: JsonSchemaNode } } };
  let nodes: JsonSchemaNode[] = [root.properties.environments.additionalProperties];
  for (const step of path.split(".")) {
    const expanded = nodes.flatMap((n) => [n, ...(n.anyOf ?? []), ...(n.oneOf ?? [])]);
    nodes = expanded.flatMap((n) => (n.properties?.[step] ? [n.properties[step]] : []));
    if (nodes.length === 0) throw new Error(`module variable: no config field ${path}`);
  }
  return nodes[0];
}

/** Validations the schema's rules imply, in Terraform's terms (RE2 regexes, numeric ranges, enums). */
export function schemaValidations(variable: ModuleVariable, node: JsonSchemaNode): Array<readonly [string, string]> {
  const ref = `var.${variable.name}`;
  // Terraform's || evaluates both sides: a null input needs the conditional to skip the check
  const nullable = (condition: string) => (variable.default === null ? `${ref} == null ? true : (${condition})` : condition);
  const rules: Array<readonly [string, string]> = [];
  const item = variable.type === "list(string)" ? (node.items ?? {}) : node;
  const each = (condition: (x: string) => string) => (variable.type === "list(string)" ? `alltrue([for x in ${ref} : ${condition("x")}])` : condition(ref));
  const what = variable.type === "list(string)" ? `every element of ${variable.name}` : variable.name;
  if (item.enum) {
    const choices = JSON.stringify(item.enum);
    rules.push([nullable(each((x) => `contains(${choices}, ${x})`)), `${what} must be one of ${item.enum.join(", ")}.`]);
  }
  if (item.pattern) {
    // RE2 has no lookarounds: a leading length lookahead becomes a length() check, any other lookaround is left out.
    const lengthAhead = /^\^\(\?=\.\{(\d+),(\d+)\}\$\)/.exec(item.pattern);
    const pattern = lengthAhead ? `^${item.pattern.slice(lengthAhead[0].length)}` : item.pattern;
    if (lengthAhead) {
      const [, min, max] = lengthAhead;
      rules.push([nullable(each((x) => `length(${x}) >= ${min} && length(${x}) <= ${max}`)), `${what} must be ${min} to ${max} characters long.`]);
    }
    if (!/\(\?<?[=!]/.test(pattern)) rules.push([nullable(each((x) => `can(regex(${JSON.stringify(pattern)}, ${x}))`)), `${what} must match ${pattern}.`]);
  }
  if (item.minimum !== undefined || item.maximum !== undefined) {
    const bounds = [
      item.minimum !== undefined ? `${ref} >= ${item.minimum}` : undefined,
      item.maximum !== undefined ? `${ref} <= ${item.maximum}` : undefined,
    ].filter((b) => b !== undefined);
    const range = `${item.minimum ?? "-∞"}..${item.maximum ?? "∞"}`;
    rules.push([nullable(bounds.join(" && ")), `${what} must be in ${range}.`]);
  }
  if (node.type === "integer" || item.type === "integer") rules.push([nullable(`floor(${ref}) == ${ref}`), `${what} must be a whole number.`]);
  if (node.minItems !== undefined) rules.push([`length(${ref}) >= ${node.minItems}`, `${variable.name} needs at least ${node.minItems} elements.`]);
  return rules;
}

/** The `variable` block of the input (Terraform JSON). */
export function variableBlock(variable: ModuleVariable): Record<string, unknown> {
  // A described input may stand for a resolved field that the schema does not have (`prefix`).
  const node = variable.configPath && !variable.description ? fieldSchema(variable.configPath) : {};
  const description = variable.description ?? node.description?.replace(/\s*@default[\s\S]*$/, "");
  if (!description) throw new Error(`module variable ${variable.name} has no description`);
  const defaultValue = variable.default !== undefined ? variable.default : node.default;
  const validation = [...schemaValidations(variable, node), ...(variable.validations ?? [])].map(([condition, message]) => ({
    condition: `\${${condition}}`,
    error_message: message,
  }));
  return {
    type: variable.type,
    description,
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    nullable: defaultValue === null,
    ...(validation.length > 0 ? { validation } : {}),
  };
}

/**
 * The value that stands for the input in a config: a cdktf token of the input's type that resolves to `var.<name>`.
 */
export function variableToken(variable: ModuleVariable): unknown {
  const reference = ref(variable.local === undefined ? `var.${variable.name}` : `local.${variable.name}`);
  switch (variable.type) {
    case "string":
      return Token.asString(reference);
    case "number":
      return Token.asNumber(reference);
    case "list(string)":
      return Token.asList(reference);
    case "bool":
      return Token.asAny(reference);
  }
}

/** A copy of `config` with each path set to its value (the config is plain data: JSON-safe apart from tokens). */
export function withValues<T>(config: T, values: ReadonlyMap<string, unknown>): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const [path, value] of values) {
    const steps = path.split(".");
    let node = copy;
    for (const step of steps.slice(0, -1)) {
      if (typeof node[step] !== "object" || node[step] === null) throw new Error(`module variable: config has no ${path}`);
      node = node[step] as Record<string, unknown>;
    }
    // an optional field absent from the config is set all the same (its schema node was checked by variableBlock)
    node[steps.at(-1)!] = value;
  }
  return copy as T;
}
