/**
 * Does a Terraform configuration run on both Terraform ≥ 1.10 and OpenTofu ≥ 1.10? Checks a parsed configuration (a
 * synthesised `cdk.tf.json`, or a `.tf` file through hcl2json) for functions and settings that one of the two lacks at
 * that floor, and a module tree for committed lock files (their hashes and provider addresses differ between the two).
 * Purely declarative: no terraform or tofu binary runs.
 */
import { splitTemplate } from "../hcl";

/** The oldest release of each tool that the stacks and modules support (`required_version = ">= 1.10.0"`). */
export const SUPPORTED_FLOOR = { terraform: "1.10.0", opentofu: "1.10.0" } as const;

type Tool = keyof typeof SUPPORTED_FLOOR;
type Availability = Readonly<Partial<Record<Tool, string>>>;

/**
 * Functions whose availability differs between the two tools: the first release of each that has it; a tool not
 * named has none. Every other built-in function is on both at the floor. As of 2026-12-04. Sources: cdktn 0.24.0
 * `lib/functions/function-availability.generated.js` (generated from both tools' function tables; a test compares
 * it with this one), the Terraform changelog (1.8.0 provider functions, 1.9.0 templatestring, 1.10.0 ephemeralasnull)
 * and the OpenTofu changelog (1.7.0 base64gunzip, cidrcontains, urldecode, templatestring; 1.10.0 the built-in
 * provider::terraform functions; 1.11.0 ephemeral values).
 */
export const FUNCTION_AVAILABILITY: Readonly<Record<string, Availability>> = {
  base64gunzip: { opentofu: "1.7.0" },
  cidrcontains: { opentofu: "1.7.0" },
  convert: { terraform: "1.15.0" },
  ephemeralasnull: { terraform: "1.10.0", opentofu: "1.11.0" },
  issensitive: { terraform: "1.8.0", opentofu: "1.7.0" },
  templatestring: { terraform: "1.9.0", opentofu: "1.7.0" },
  urldecode: { opentofu: "1.7.0" },
  "provider::terraform::decode_tfvars": { terraform: "1.8.0", opentofu: "1.10.0" },
  "provider::terraform::encode_expr": { terraform: "1.8.0", opentofu: "1.10.0" },
  "provider::terraform::encode_tfvars": { terraform: "1.8.0", opentofu: "1.10.0" },
};

/**
 * Language settings that differ at the floor, with the first release of each tool that has them. Same date and
 * changelogs as above (Terraform 1.10.0 / OpenTofu 1.11.0 ephemeral resources and values; Terraform 1.11.0 /
 * OpenTofu 1.11.0 write-only arguments; OpenTofu-only: 1.7.0 state encryption, 1.9.0 provider `for_each`, 1.11.0
 * the `enabled` meta-argument).
 */
export const SETTING_AVAILABILITY = {
  ephemeralBlock: { terraform: "1.10.0", opentofu: "1.11.0" },
  ephemeralValue: { terraform: "1.10.0", opentofu: "1.11.0" },
  writeOnlyArgument: { terraform: "1.11.0", opentofu: "1.11.0" },
  stateEncryption: { opentofu: "1.7.0" },
  providerForEach: { opentofu: "1.9.0" },
  enabledMetaArgument: { opentofu: "1.11.0" },
} as const satisfies Record<string, Availability>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
/** Blocks come as one object (Terraform JSON) or a list of them (hcl2json, and repeated JSON blocks). */
const blocks = (v: unknown): readonly Json[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);
/** `{ label: block(s) }` → every block with its label. */
const labelled = (v: unknown): ReadonlyArray<readonly [string, Json]> =>
  isObject(v) ? Object.entries(v).flatMap(([label, body]) => blocks(body).map((b) => [label, b] as const)) : [];

function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split(".").map((n) => Number.parseInt(n, 10) || 0));
  for (let i = 0; i < 3; i += 1) {
    const d = (pa?.[i] ?? 0) - (pb?.[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` meets a Terraform version constraint (`>= 1.10.0, < 2.0.0`, `~> 1.10`, `= 1.10.2`, ...). */
export function satisfies(version: string, constraint: string): boolean {
  return constraint.split(",").every((part) => {
    const match = /^\s*(>=|<=|!=|~>|>|<|=)?\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(part);
    if (!match) throw new Error(`cannot read the version constraint "${constraint}"`);
    const [, op = "=", bound = ""] = match;
    const c = compareVersions(version, bound);
    if (op === "~>") {
      const parts = bound.split(".").map(Number);
      const upper = parts.length > 2 ? `${parts[0]}.${(parts[1] ?? 0) + 1}.0` : `${(parts[0] ?? 0) + 1}.0.0`;
      return c >= 0 && compareVersions(version, upper) < 0;
    }
    return { ">=": c >= 0, "<=": c <= 0, ">": c > 0, "<": c < 0, "=": c === 0, "!=": c !== 0 }[op] ?? false;
  });
}

/** Which tool lacks a feature at the floor, as text for a finding; undefined when both have it. */
function missingAtFloor(availability: Availability): string | undefined {
  const missing = (Object.keys(SUPPORTED_FLOOR) as Tool[]).filter((tool) => {
    const since = availability[tool];
    return since === undefined || compareVersions(SUPPORTED_FLOOR[tool], since) < 0;
  });
  if (missing.length === 0) return undefined;
  const has = (Object.keys(SUPPORTED_FLOOR) as Tool[]).map((tool) => `${tool} ${availability[tool] ? `≥ ${availability[tool]}` : "never"}`);
  return `${has.join(", ")}; missing in ${missing.map((tool) => `${tool} ${SUPPORTED_FLOOR[tool]}`).join(" and ")}`;
}

/** Function names called in one expression source: `name(` not preceded by `.`, plus `provider::ns::name(`. */
export function functionsCalled(source: string): readonly string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/provider::\w+::\w+(?=\s*\()/g)) names.add(m[0]);
  for (const m of source.replace(/provider::\w+::\w+/g, "").matchAll(/(?<![\w.:])([a-z][a-z0-9_]*)(?=\s*\()/g)) names.add(m[1] ?? "");
  return [...names];
}

function* stringsIn(value: unknown, path: string): Generator<readonly [string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, `${path}[${i}]`);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) yield* stringsIn(v, path ? `${path}.${k}` : k);
}

function* keysIn(value: unknown, path: string): Generator<readonly [string, string, unknown]> {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* keysIn(v, `${path}[${i}]`);
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      yield [`${path}.${k}`, k, v];
      yield* keysIn(v, `${path}.${k}`);
    }
}

/** Every function and setting in one configuration document that Terraform or OpenTofu lacks at the floor. */
export function compatibilityProblems(config: Json): string[] {
  const problems: string[] = [];
  const flag = (where: string, what: string, availability: Availability) => {
    const missing = missingAtFloor(availability);
    if (missing) problems.push(`${where}: ${what} (${missing})`);
  };

  for (const [path, text] of stringsIn(config, "")) {
    if (!text.includes("${")) continue;
    for (const part of splitTemplate(text)) {
      if (part.kind !== "expr") continue;
      for (const name of functionsCalled(part.source)) {
        const availability = FUNCTION_AVAILABILITY[name];
        if (availability) flag(path, `function ${name}()`, availability);
      }
    }
  }

  if (config.ephemeral !== undefined) flag("ephemeral", "ephemeral resource blocks", SETTING_AVAILABILITY.ephemeralBlock);
  for (const kind of ["variable", "output"] as const) {
    for (const [name, body] of labelled(config[kind])) {
      if (body.ephemeral !== undefined && body.ephemeral !== false) flag(`${kind}.${name}`, "ephemeral = true", SETTING_AVAILABILITY.ephemeralValue);
    }
  }
  for (const [type, byName] of Object.entries(isObject(config.resource) ? config.resource : {})) {
    for (const [name, body] of labelled(byName)) {
      for (const [path, key, value] of keysIn(body, `resource.${type}.${name}`)) {
        if (/_wo(_version)?$/.test(key)) flag(path, "write-only argument", SETTING_AVAILABILITY.writeOnlyArgument);
        if (key === "lifecycle" && blocks(value).some((l) => l.enabled !== undefined))
          flag(path, "lifecycle.enabled", SETTING_AVAILABILITY.enabledMetaArgument);
      }
    }
  }
  for (const [name, body] of labelled(config.module)) {
    if (blocks(body.lifecycle).some((l) => l.enabled !== undefined))
      flag(`module.${name}.lifecycle`, "lifecycle.enabled", SETTING_AVAILABILITY.enabledMetaArgument);
  }
  for (const [name, body] of labelled(config.provider)) {
    if (body.for_each !== undefined) flag(`provider.${name}`, "for_each on a provider", SETTING_AVAILABILITY.providerForEach);
  }
  for (const terraform of blocks(config.terraform)) {
    if (terraform.encryption !== undefined) flag("terraform.encryption", "state encryption", SETTING_AVAILABILITY.stateEncryption);
    const required = terraform.required_version;
    if (typeof required === "string") {
      for (const tool of Object.keys(SUPPORTED_FLOOR) as Tool[]) {
        // Both tools check required_version against their own version.
        if (!satisfies(SUPPORTED_FLOOR[tool], required)) {
          problems.push(`terraform.required_version: "${required}" shuts out ${tool} ${SUPPORTED_FLOOR[tool]}`);
        }
      }
    }
  }
  return problems;
}

/** Lock files among a module tree's files (paths relative to its root): none may be published. */
export const lockFilesIn = (files: readonly string[]): string[] => files.filter((f) => /(^|\/)\.terraform\.lock\.hcl$/.test(f));
