/**
 * Reads the operator's YAML/JSON file and turns it into validated, fully defaulted environments, or into the complete
 * list of problems (every one with its field path, the bad value and what is allowed). Pure apart from reading the file.
 *
 * Every problem is reported in one run, at the layer where it was written: a typo at the top level does not hide the
 * environments' problems, and a bad value in `defaults` is reported once as `defaults.…`, not once per environment.
 */
import { dirname } from "node:path";
import type { z } from "zod";
import { formatPath, joinPath, parsePath, type ConfigIssue } from "./issues";
import { deepMerge, hasPath, isPlainObject, unsafeKeys, type PlainObject } from "./merge";
import { parseConfigText } from "./parse-config-text";
import { preflight } from "./preflight";
import { checkProject } from "./preflight-aws-limits";
import { checkAcrossEnvironments } from "./preflight-cross-environment";
import { readConfigText } from "./read-config-file";
import { environmentSchema } from "./schema/environment";
import { configFileSchema, environmentName } from "./schema/file";
import { resolveEnvironment, type EnvironmentConfig } from "./schema/resolve";
import { configErrorMap } from "./zod-messages";

export type LoadResult =
  | { readonly ok: true; readonly project: string; readonly environments: readonly EnvironmentConfig[]; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export function loadConfigFile(path: string): LoadResult {
  const read = readConfigText(path);
  if (!read.ok) return fail({ path: "", message: `cannot read ${path}: ${read.reason}. Pass --config <file> or set PI_CONFIG` });
  const parsed = parseConfigText(read.text);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return loadConfig(parsed.data, dirname(path));
}

/** The raw environment as written, with the defaults it was merged over: where a bad value came from. */
interface Layers {
  readonly base: string;
  readonly raw: PlainObject;
  readonly defaults: PlainObject;
}

/** Validates an already-parsed document (the whole file); relative paths in it are taken from `configDir`. */
export function loadConfig(document: unknown, configDir = "."): LoadResult {
  // Prototype-reaching keys: nothing else in such a document is looked at.
  const unsafe = unsafeKeys(document);
  if (unsafe.length > 0) return { ok: false, issues: unsafe };

  const issues = new IssueList();
  const file = configFileSchema.safeParse(document, { reportInput: true, error: configErrorMap });
  if (!file.success) issues.add(toIssues(file.error.issues, () => ""));
  if (!isPlainObject(document)) return { ok: false, issues: issues.all() };

  // Go on with whichever top-level parts are usable.
  const projectResult = configFileSchema.shape.project.safeParse(document.project);
  const project = projectResult.success ? projectResult.data : "pi";
  issues.add(checkProject(project));
  const defaults = isPlainObject(document.defaults) ? document.defaults : {};
  const environments = isPlainObject(document.environments) ? document.environments : {};

  const warnings = new IssueList();
  const resolved: EnvironmentConfig[] = [];
  for (const [name, raw] of Object.entries(environments)) {
    if (!environmentName.safeParse(name).success) continue; // reported by the file schema
    const base = `environments.${formatPath([name])}`;
    if (!isPlainObject(raw)) {
      if (!file.success && file.error.issues.some((i) => i.path[0] === "environments" && i.path[1] === name)) continue;
      issues.add([{ path: base, message: `must be a mapping of settings, not ${raw === null ? "an empty value" : "a single value"}`, value: raw }]);
      continue;
    }
    const layers: Layers = { base, raw, defaults };
    const parsed = environmentSchema.safeParse(deepMerge(defaults, raw), { reportInput: true, error: configErrorMap });
    if (!parsed.success) {
      issues.add(toIssues(parsed.error.issues, (path) => layerOf(layers, path)));
      continue;
    }
    const env = resolveEnvironment(project, name, parsed.data, configDir);
    const problems = preflight(env).map((issue) => ({ ...issue, path: joinPath(layerOf(layers, parsePath(issue.path)), issue.path) }));
    issues.add(problems.filter((issue) => issue.severity !== "warning"));
    warnings.add(problems.filter((issue) => issue.severity === "warning"));
    resolved.push(env);
  }
  issues.add(checkAcrossEnvironments(resolved));
  return issues.size > 0 ? { ok: false, issues: issues.all() } : { ok: true, project, environments: resolved, warnings: warnings.all() };
}

/** `environments.<name>` when the environment wrote the value (or nobody did), `defaults` when only the defaults did. */
function layerOf({ base, raw, defaults }: Layers, path: readonly PropertyKey[]): string {
  return !hasPath(raw, path) && hasPath(defaults, path) ? "defaults" : base;
}

/** Issues in order, each (path, message) once: a bad default shared by three environments is one problem. */
class IssueList {
  private readonly issues = new Map<string, ConfigIssue>();
  add(issues: readonly ConfigIssue[]): void {
    for (const issue of issues) {
      const key = `${issue.path}\u0000${issue.message}`;
      if (!this.issues.has(key)) this.issues.set(key, issue);
    }
  }
  get size(): number {
    return this.issues.size;
  }
  all(): ConfigIssue[] {
    return [...this.issues.values()];
  }
}

function toIssues(zodIssues: readonly z.core.$ZodIssue[], baseFor: (path: readonly PropertyKey[]) => string): ConfigIssue[] {
  const seenPaths = new Set<string>();
  return zodIssues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const full = [...issue.path, key];
        return { path: joinPath(baseFor(full), formatPath(full)), message: "is not a known setting (check the spelling against config.schema.json)" };
      });
    }
    const path = joinPath(baseFor(issue.path), formatPath(issue.path));
    // One message per field: zod may add a second, less precise one (a huge number is both "not safe" and "too big").
    if (seenPaths.has(path)) return [];
    seenPaths.add(path);
    return [{ path, message: describeZodIssue(issue), ...badValueOf(issue) }];
  });
}

function badValueOf(issue: z.core.$ZodIssue): { value?: unknown } {
  if (!("input" in issue)) return {};
  const discriminator = (issue as { discriminator?: string }).discriminator;
  // A discriminated union reports the whole object; the bad value is its discriminator.
  if (discriminator !== undefined && isPlainObject(issue.input)) {
    return issue.input[discriminator] === undefined ? {} : { value: issue.input[discriminator] };
  }
  return issue.input === undefined ? {} : { value: issue.input };
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  // Record keys: the key schema's own message says what is allowed.
  if (issue.code === "invalid_key" && issue.issues.length > 0) return `key ${issue.issues.map((i) => i.message).join("; ")}`;
  return issue.message.replace(/^Invalid input: /, "");
}

function fail(issue: ConfigIssue): LoadResult {
  return { ok: false, issues: [issue] };
}
