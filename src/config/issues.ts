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

/** The segments of a path written by `formatPath` (`a.b[1]."x.y"` → a, b, 1, x.y). */
export function parsePath(path: string): PropertyKey[] {
  const segments: PropertyKey[] = [];
  const token = /\.?(?:"((?:[^"\\]|\\.)*)"|\[(\d+)\]|([^.[\]"]+))/gy;
  for (let match = token.exec(path); match; match = token.exec(path)) {
    if (match[1] !== undefined) segments.push(JSON.parse(`"${match[1]}"`) as string);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3]);
  }
  return segments;
}

/** YAML's spelling of the numbers JSON cannot show (JSON.stringify turns them into null). */
function yamlNumber(value: number): string | undefined {
  if (Number.isNaN(value)) return ".nan";
  if (value === Infinity) return ".inf";
  if (value === -Infinity) return "-.inf";
  return undefined;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number") return yamlNumber(value) ?? String(value);
  const text = JSON.stringify(value, (_, v: unknown) => (typeof v === "number" ? (yamlNumber(v) ?? v) : v));
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
  const lines = issues.map((issue) => `  ✗ ${issue.path || "(file)"}: ${issue.message}${"value" in issue ? ` (got ${describeValue(issue.value)})` : ""}`);
  return [
    `Invalid configuration in ${source}: ${issues.length} problem${issues.length === 1 ? "" : "s"}.`,
    ...lines,
    "Nothing was written. Fix the fields above and run again.",
  ].join("\n");
}
