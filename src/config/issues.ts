/** A problem in the operator's configuration, located by its field path. */
export interface ConfigIssue {
  /** Dotted field path, e.g. `environments.production.network.cidr` or `…subnets.app[1]`. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** A warning is printed but does not stop synth. @default an error */
  readonly severity?: "warning";
}

export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === "number") return `${acc}[${segment}]`;
    const key = String(segment);
    const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
    return acc === "" ? safe : `${acc}.${safe}`;
  }, "");
}

export function joinPath(base: string, relative: string): string {
  if (relative === "") return base;
  if (base === "") return relative;
  return relative.startsWith("[") ? `${base}${relative}` : `${base}.${relative}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Warnings, one line each: `⚠ path: message (got value)`. */
export function formatWarnings(source: string, warnings: readonly ConfigIssue[]): string {
  return [
    `Configuration warnings in ${source}:`,
    ...warnings.map((w) => `  ⚠ ${w.path || "(file)"}: ${w.message}${"value" in w ? ` (got ${describeValue(w.value)})` : ""}`),
  ].join("\n");
}

/** One line per issue: `path: message (got value)`. */
export function formatIssues(source: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map(
    (issue) => `  ✗ ${issue.path || "(file)"}: ${issue.message}${"value" in issue ? ` (got ${describeValue(issue.value)})` : ""}`,
  );
  return [
    `Invalid configuration in ${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}.`,
    ...lines,
    "Nothing was written. Fix the fields above and run again.",
  ].join("\n");
}
