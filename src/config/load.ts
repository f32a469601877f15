/**
 * Reads the operator's YAML/JSON file and turns it into validated, fully defaulted environments, or into the complete
 * list of problems (every one with its field path, the bad value and what is allowed). Pure apart from reading the file.
 */
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { formatPath, joinPath, type ConfigIssue } from "./issues";
import { deepMerge, hasPath, isPlainObject } from "./merge";
import { preflight } from "./preflight";
import { environmentSchema } from "./schema/environment";
import { configFileSchema } from "./schema/file";
import { resolveEnvironment, type EnvironmentConfig } from "./schema/resolve";

export type LoadResult =
  | { readonly ok: true; readonly project: string; readonly environments: readonly EnvironmentConfig[]; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export function loadConfigFile(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (error as Error).message;
    return fail({ path: "", message: `cannot read ${path}: ${reason}. Pass --config <file> or set PI_CONFIG` });
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error) => ({
        path: "",
        message: `not valid YAML/JSON at line ${error.linePos?.[0]?.line ?? "?"}, column ${error.linePos?.[0]?.col ?? "?"}: ${error.message.split("\n")[0]}`,
      })),
    };
  }
  return loadConfig(document.toJS(), dirname(path));
}

/** Validates an already-parsed document (the whole file); relative paths in it are taken from `configDir`. */
export function loadConfig(document: unknown, configDir = "."): LoadResult {
  const file = configFileSchema.safeParse(document, { reportInput: true });
  if (!file.success) return { ok: false, issues: toIssues(file.error.issues, () => "") };

  const { project, defaults, environments } = file.data;
  const issues: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const resolved: EnvironmentConfig[] = [];
  for (const [name, raw] of Object.entries(environments)) {
    const base = `environments.${name}`;
    if (!isPlainObject(raw)) {
      issues.push({ path: base, message: "must be a mapping of settings", value: raw });
      continue;
    }
    const parsed = environmentSchema.safeParse(deepMerge(defaults, raw), { reportInput: true });
    if (!parsed.success) {
      // Point at the layer the bad value came from: the environment itself, else the shared defaults.
      issues.push(...toIssues(parsed.error.issues, (path) => (!hasPath(raw, path) && hasPath(defaults, path) ? "defaults" : base)));
      continue;
    }
    const env = resolveEnvironment(project, name, parsed.data, configDir);
    const problems = preflight(env);
    for (const issue of problems) (issue.severity === "warning" ? warnings : issues).push({ ...issue, path: joinPath(base, issue.path) });
    resolved.push(env);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, project, environments: resolved, warnings };
}

function toIssues(zodIssues: readonly z.core.$ZodIssue[], baseFor: (path: readonly PropertyKey[]) => string): ConfigIssue[] {
  return zodIssues.flatMap((issue) => {
    const base = baseFor(issue.path);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: joinPath(base, formatPath([...issue.path, key])),
        message: "is not a known setting (check the spelling against config.schema.json)",
      }));
    }
    const path = joinPath(base, formatPath(issue.path));
    return [{ path, message: describeZodIssue(issue), ...("input" in issue ? { value: issue.input } : {}) }];
  });
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  const generic = issue.message.startsWith("Invalid input");
  if (issue.code === "invalid_type" && issue.input === undefined && generic) return `is required (${issue.expected})`;
  // Record keys: the key schema's own message says what is allowed.
  if (issue.code === "invalid_key" && issue.issues.length > 0) return `key ${issue.issues.map((i) => i.message).join("; ")}`;
  return issue.message.replace(/^Invalid input: /, "");
}

function fail(issue: ConfigIssue): LoadResult {
  return { ok: false, issues: [issue] };
}
