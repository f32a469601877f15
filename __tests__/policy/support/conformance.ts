/**
 * Conformance against checkov's own fixtures (../shared/peer-suites/checkov, format in its README): every check folder,
 * and every subfolder, is a root module; the rules a folder's expected.json lists in `ourRules` run over it (off-by-
 * default rules included, built-in waivers off: this compares rule logic), and each expectation is compared.
 *
 * - Rules judge several conditions and tag each finding with the external ids it corresponds to (Finding.refs). For a
 *   check, a rule's FAIL counts when one of its FAIL findings names that check or names nothing (the whole rule); a
 *   resource that fails only conditions tagged for other checks (or for none) counts as passing that check. This
 *   compares each checkov check with the part of our rule that implements it; the whole-rule comparison is reported
 *   beside it (`oursWhole`).
 * - A failing address agrees when at least one listed rule reports FAIL for it (for an address without an index, for
 *   any of its instances).
 * - A passing address agrees when none of them reports FAIL (PASS, UNKNOWN, not applicable and not judged all agree).
 * - Graph checks (CKV2_* and the YAML-defined ones) report the resource the check is anchored on (the load balancer of
 *   a listener, the bucket of an ownership-controls resource), while our rules report the resource that holds the
 *   setting. For a graph check, a failing address also agrees when a listed rule reports FAIL for that check on a
 *   resource linked to it: one that references it, one it references, or one referenced by the same resource (an
 *   association). Passing addresses are judged on their own address only. Such agreements are counted (`viaLink`).
 * - An address declared in several modules of one folder (CKV_AWS_20's `same_resource_name/`) agrees when one of the
 *   declaring modules gives the expected outcome, since checkov reports each module's resource separately.
 * - Data sources are matched without the `data.` prefix, as checkov writes them.
 * - A module the strict HCL parser rejects gives every expectation it would have judged the outcome "parse-error",
 *   which never agrees (such expectations are listed as deviations with the parser's verdict as the reason).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createContext } from "../../../src/policy/context";
import { evaluate } from "../../../src/policy/engine";
import { HclParseError, loadTerraformDirectory, terraformFilesIn } from "../../../src/policy/load-hcl";
import type { Context, ResultStatus } from "../../../src/policy/model";
import type { ResourceResult, StackReport } from "../../../src/policy/report";
import type { ValidityCache } from "./terraform-validity";

export type Expected = "pass" | "fail";
/** What our listed rules say about an address. */
export type Ours = "fail" | "unknown" | "pass" | "not-judged" | "parse-error" | "not-found";

export interface Deviation {
  readonly check: string;
  readonly address: string;
  readonly expected: Expected;
  readonly ours: Ours;
  readonly reason: string;
}

/** Why an expectation does not count in the filtered figure. */
export interface Exclusion {
  readonly check: string;
  /** One address, or every expectation of the check. */
  readonly address?: string;
  readonly reason: string;
}

export interface Outcome {
  readonly check: string;
  readonly rules: readonly string[];
  readonly address: string;
  readonly expected: Expected;
  readonly ours: Ours;
  readonly agrees: boolean;
  /** The rule messages behind `ours`. */
  readonly detail: string;
  /** Our outcome when every condition of the listed rules counts, whatever check it corresponds to. */
  readonly oursWhole: Ours;
  /** The linked resource whose failure a graph-check expectation agrees through. */
  readonly viaLink?: string;
  /** Why the expectation does not count in the filtered figure (undefined: it counts). */
  readonly excluded?: string;
}

export interface ModuleResult {
  readonly dir: string;
  readonly report?: StackReport;
  readonly parseError?: HclParseError;
}

export interface CheckResult {
  readonly check: string;
  readonly rules: readonly string[];
  readonly modules: readonly ModuleResult[];
  readonly outcomes: readonly Outcome[];
}

interface ExpectedJson {
  readonly check: string;
  readonly ourRules: readonly string[];
  readonly passing: readonly string[];
  readonly failing: readonly string[];
}

/** The repository's expected location of the suite: ../shared/peer-suites/checkov beside the clone. */
export const DEFAULT_SUITE = path.resolve(__dirname, "../../../../shared/peer-suites/checkov");

export function checkFolders(suite: string): readonly string[] {
  return fs
    .readdirSync(suite, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(suite, e.name, "expected.json")))
    .map((e) => e.name)
    .sort();
}

/** The folder and each subfolder holding Terraform files: separate root modules, as checkov scans them. */
export function moduleDirs(dir: string): readonly string[] {
  const own = terraformFilesIn(dir).length > 0 ? [dir] : [];
  const subs = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => moduleDirs(path.join(dir, e.name)));
  return [...own, ...subs];
}

const bare = (address: string): string => address.replace(/^data\./, "");
const baseOf = (address: string): string => address.replace(/\[[^\]]*\]$/, "");
const effective = (status: ResultStatus, waived?: "FAIL" | "UNKNOWN"): ResultStatus => (status === "WAIVED" ? (waived ?? "FAIL") : status);

/** A result's status as far as one check is concerned (undefined `check`: the rule as a whole). */
function statusFor(r: ResourceResult, check: string | undefined): { status: ResultStatus; message: string } {
  const status = effective(r.status, r.waived);
  if ((status !== "FAIL" && status !== "UNKNOWN") || !r.findings || check === undefined) return { status, message: r.message };
  const relevant = r.findings.filter((f) => !f.refs || f.refs.includes(check));
  const of = (s: "FAIL" | "UNKNOWN"): string =>
    relevant
      .filter((f) => f.status === s)
      .map((f) => f.message)
      .join("; ");
  if (relevant.some((f) => f.status === "FAIL")) return { status: "FAIL", message: of("FAIL") };
  if (relevant.some((f) => f.status === "UNKNOWN")) return { status: "UNKNOWN", message: of("UNKNOWN") };
  return { status: "PASS", message: `only conditions other than ${check} fail: ${r.message}` };
}

/** Our outcome for one address in one module's report. */
function judge(report: StackReport, address: string, check: string | undefined): { ours: Ours; detail: string } | undefined {
  const matches = (a: string): boolean => bare(a) === address || (!address.endsWith("]") && baseOf(bare(a)) === address);
  const results = report.rules.flatMap((rule) =>
    rule.results.filter((r) => matches(r.address)).map((r) => ({ rule: rule.rule.id, address: r.address, ...statusFor(r, check) })),
  );
  const pick = (status: ResultStatus): string =>
    results
      .filter((r) => r.status === status)
      .map((r) => `${r.rule}${r.address === address ? "" : ` ${r.address}`}: ${r.message}`)
      .join(" | ");
  if (results.some((r) => r.status === "FAIL")) return { ours: "fail", detail: pick("FAIL") };
  if (results.some((r) => r.status === "UNKNOWN")) return { ours: "unknown", detail: pick("UNKNOWN") };
  if (results.some((r) => r.status === "PASS")) return { ours: "pass", detail: pick("PASS") };
  return undefined;
}

type LoadedModule = ModuleResult & { readonly declared: ReadonlySet<string>; readonly ctx?: Context };

async function loadModule(dir: string, rules: readonly string[]): Promise<LoadedModule> {
  try {
    const stack = await loadTerraformDirectory(dir);
    const report = evaluate(stack, { only: rules, builtinWaivers: [] });
    const declared = new Set(stack.resources.flatMap((r) => [bare(r.address), baseOf(bare(r.address))]));
    return { dir, report, declared, ctx: createContext(stack) };
  } catch (error) {
    if (error instanceof HclParseError) return { dir, parseError: error, declared: new Set() };
    throw error;
  }
}

/** Addresses linked to `address`: referencing it, referenced by it, or referenced by one of its referrers. */
function linkedAddresses(ctx: Context, address: string): readonly string[] {
  const targets = ctx.resources.filter((r) => bare(r.address) === address || baseOf(bare(r.address)) === address);
  const out = new Set<string>();
  for (const target of targets) {
    const referrers = ctx.referencesTo(target);
    const referenced = (r: { values: Parameters<Context["references"]>[0] }): string[] =>
      ctx.references(r.values).flatMap((ref) => (ref.resource ? [ref.resource.address] : []));
    for (const r of referrers) {
      out.add(r.address);
      for (const a of referenced(r)) out.add(a);
    }
    for (const a of referenced(target)) out.add(a);
  }
  for (const t of targets) out.delete(t.address);
  return [...out].map(bare);
}

/**
 * Rules the suite's mapping (`ourRules`) leaves out although they implement the check: CKV_AWS_103 fails an HTTP
 * listener that does not redirect to HTTPS, which is PI-ALB-001's condition.
 */
export const EXTRA_RULES: Readonly<Record<string, readonly string[]>> = { CKV_AWS_103: ["PI-ALB-001"] };

export async function runCheck(suite: string, check: string, validity: ValidityCache = {}, exclusions: readonly Exclusion[] = []): Promise<CheckResult> {
  const folder = path.join(suite, check);
  const raw = JSON.parse(fs.readFileSync(path.join(folder, "expected.json"), "utf8")) as ExpectedJson & { source: string };
  const spec = { ...raw, ourRules: [...raw.ourRules, ...(EXTRA_RULES[check] ?? [])] };
  const graph = spec.source.includes("expected.yaml");
  const modules = await Promise.all(moduleDirs(folder).map((dir) => loadModule(dir, spec.ourRules)));
  const outcome = (address: string, expected: Expected): Outcome => {
    const declaring = modules.filter((m) => m.declared.has(address));
    const notJudged = { ours: "not-judged" as const, detail: "no listed rule judges it" };
    const judged = declaring.map((m) => judge(m.report as StackReport, address, check) ?? notJudged);
    const whole = declaring.map((m) => judge(m.report as StackReport, address, undefined) ?? notJudged);
    const failed = modules.find((m) => m.parseError);
    let found: { ours: Ours; detail: string };
    if (judged.length === 0)
      found = failed
        ? { ours: "parse-error", detail: failed.parseError?.message ?? "" }
        : { ours: "not-found", detail: `no module of ${check} declares ${address}` };
    else found = judged.find((j) => (expected === "fail" ? j.ours === "fail" : j.ours !== "fail")) ?? judged[0];
    let viaLink: string | undefined;
    if (graph && expected === "fail" && found.ours !== "fail") {
      for (const m of declaring) {
        for (const linked of m.ctx ? linkedAddresses(m.ctx, address) : []) {
          const j = judge(m.report as StackReport, linked, check);
          if (j?.ours === "fail" && !viaLink) {
            viaLink = linked;
            found = { ours: "fail", detail: `via ${linked}: ${j.detail}` };
          }
        }
      }
    }
    const agreeing = (ours: Ours): boolean => (expected === "fail" ? ours === "fail" : ours !== "fail" && ours !== "parse-error" && ours !== "not-found");
    const oursWhole = whole.length ? (whole.find((j) => agreeing(j.ours)) ?? whole[0]).ours : found.ours;
    const excluded =
      exclusions.find((e) => e.check === check && (e.address === undefined || e.address === address))?.reason ??
      invalidity(
        suite,
        modules.map((m) => m.dir),
        address,
        validity,
      ) ??
      (found.ours === "unknown" ? "the tested value is unknown to the engine (UNKNOWN neither agrees nor disagrees)" : undefined);
    return {
      check,
      rules: spec.ourRules,
      address,
      expected,
      ...found,
      agrees: agreeing(found.ours),
      oursWhole,
      ...(viaLink ? { viaLink } : {}),
      ...(excluded ? { excluded } : {}),
    };
  };
  return {
    check,
    rules: spec.ourRules,
    modules: modules.map(({ dir, report, parseError }) => ({ dir, report, parseError })),
    outcomes: [...spec.failing.map((a) => outcome(a, "fail")), ...spec.passing.map((a) => outcome(a, "pass"))],
  };
}

export async function runSuite(suite: string, validity: ValidityCache = {}, exclusions: readonly Exclusion[] = []): Promise<readonly CheckResult[]> {
  const out: CheckResult[] = [];
  for (const check of checkFolders(suite)) out.push(await runCheck(suite, check, validity, exclusions));
  return out;
}

/** Lines [start, end] of the block an address names, per file of a module directory (a plain scan: no parser needed). */
function blockLines(dir: string, address: string): { file: string; start: number; end: number }[] {
  const m = /^(data\.)?([\w-]+)\.([\w-]+)/.exec(address);
  if (!m) return [];
  const header = new RegExp(`^${m[1] ? "data" : "(?:resource|data)"}\\s+"${m[2]}"\\s+"${m[3]}"`);
  const out: { file: string; start: number; end: number }[] = [];
  for (const file of terraformFilesIn(dir).filter((f) => f.endsWith(".tf"))) {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines.forEach((line, i) => {
      if (!header.test(line)) return;
      let end = lines.length;
      for (let j = i + 1; j < lines.length; j += 1)
        if (/^(resource|data|module|variable|locals|output|provider|terraform)\b/.test(lines[j])) {
          end = j;
          break;
        }
      out.push({ file: path.basename(file), start: i + 1, end });
    });
  }
  return out;
}

/**
 * Why Terraform itself does not accept the tested block (undefined when it does): no module declaring it loads, or
 * `terraform validate` reports an error inside it (the cached run of support/terraform-validity.ts). A module missing
 * from the cache, or changed since, counts as unknown validity: the conformance test reports it as stale.
 */
function invalidity(suite: string, dirs: readonly string[], address: string, validity: ValidityCache): string | undefined {
  if (Object.keys(validity).length === 0) return undefined;
  const reasons: string[] = [];
  for (const dir of dirs) {
    const blocks = blockLines(dir, address);
    if (blocks.length === 0) continue;
    const v = validity[path.relative(suite, dir)];
    if (!v) return undefined;
    if (!v.loads) {
      reasons.push(`terraform does not load ${path.relative(suite, dir)}`);
      continue;
    }
    const errors = v.diagnostics.filter(
      (d) => d.severity === "error" && blocks.some((b) => b.file === d.file && d.line !== undefined && d.line >= b.start && d.line < b.end),
    );
    if (errors.length === 0) return undefined;
    reasons.push(`terraform validate: ${[...new Set(errors.map((e) => `${e.summary} (${e.file}:${e.line})`))].slice(0, 2).join("; ")}`);
  }
  return reasons.length ? reasons.join(" | ") : "terraform finds no such block";
}

const key = (o: { check: string; address: string; expected: Expected }): string => `${o.check} ${o.expected} ${o.address}`;

export interface Comparison {
  readonly total: number;
  readonly agreeing: number;
  /** Agreeing when every condition of the listed rules counts for every check. */
  readonly agreeingWhole: number;
  /** Failing graph-check expectations that agree through a linked resource. */
  readonly viaLink: number;
  /** Disagreements the deviation list explains. */
  readonly listed: readonly { outcome: Outcome; deviation: Deviation }[];
  /** Disagreements nobody explained. */
  readonly unlisted: readonly Outcome[];
  /** Listed deviations that did not occur (or occur with another outcome). */
  readonly stale: readonly Deviation[];
  /** Expectations that count (Terraform accepts the block, the value is known, the check means what the rule means). */
  readonly counted: number;
  readonly countedAgreeing: number;
  /** Counted disagreements: each a listed deviation (a deliberate stricter verdict). */
  readonly countedDifferences: readonly { outcome: Outcome; deviation?: Deviation }[];
}

export function compare(results: readonly CheckResult[], deviations: readonly Deviation[]): Comparison {
  const outcomes = results.flatMap((r) => r.outcomes);
  const byKey = new Map(deviations.map((d) => [key(d), d]));
  const disagreeing = outcomes.filter((o) => !o.agrees);
  const listed = disagreeing.flatMap((o) => {
    const d = byKey.get(key(o));
    return d && d.ours === o.ours ? [{ outcome: o, deviation: d }] : [];
  });
  const listedKeys = new Set(listed.map((l) => key(l.outcome)));
  return {
    total: outcomes.length,
    agreeing: outcomes.length - disagreeing.length,
    viaLink: outcomes.filter((o) => o.agrees && o.viaLink).length,
    agreeingWhole: outcomes.filter((o) => (o.expected === "fail" ? o.oursWhole === "fail" : !["fail", "parse-error", "not-found"].includes(o.oursWhole)))
      .length,
    listed,
    unlisted: disagreeing.filter((o) => !listedKeys.has(key(o))),
    stale: deviations.filter((d) => !listedKeys.has(key(d))),
    counted: outcomes.filter((o) => !o.excluded).length,
    countedAgreeing: outcomes.filter((o) => !o.excluded && o.agrees).length,
    countedDifferences: disagreeing.filter((o) => !o.excluded).map((o) => ({ outcome: o, deviation: byKey.get(key(o)) })),
  };
}

const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)} %`;

/** The agreement figure, then one row per check: expectations, agreeing, listed deviations, unlisted disagreements. */
export function formatReport(results: readonly CheckResult[], comparison: Comparison): string {
  const excluded = results.flatMap((r) => r.outcomes.filter((o) => o.excluded));
  const lines = [
    `checkov conformance (filtered): ${comparison.countedAgreeing}/${comparison.counted} counted expectations agree (${pct(comparison.countedAgreeing, comparison.counted)}); ` +
      `${excluded.length} excluded (listed below), ${comparison.countedDifferences.length} differences, each a deliberate stricter verdict`,
    `checkov conformance (unfiltered): ${comparison.agreeing}/${comparison.total} expectations agree (${pct(comparison.agreeing, comparison.total)}); ` +
      `${comparison.listed.length} listed deviations, ${comparison.unlisted.length} unlisted, ${comparison.stale.length} stale`,
    `${comparison.viaLink} failing graph-check expectations agree through a linked resource; ` +
      `(whole-rule comparison, every condition of the listed rules counted for every check: ${comparison.agreeingWhole}/${comparison.total}, ` +
      `${pct(comparison.agreeingWhole, comparison.total)})`,
    "",
    `${"check".padEnd(12)} ${"rules".padEnd(22)} ${"exp".padStart(4)} ${"agree".padStart(5)} ${"dev".padStart(4)} ${"new".padStart(4)}  notes`,
  ];
  for (const r of results) {
    const dev = comparison.listed.filter((l) => l.outcome.check === r.check).length;
    const unl = comparison.unlisted.filter((o) => o.check === r.check);
    const agree = r.outcomes.filter((o) => o.agrees).length;
    const parse = r.modules.filter((m) => m.parseError).map((m) => `parse error: ${m.parseError?.diagnostics[0]?.message.split(";")[0]}`);
    lines.push(
      `${r.check.padEnd(12)} ${r.rules.join(",").padEnd(22)} ${String(r.outcomes.length).padStart(4)} ${String(agree).padStart(5)} ${String(dev).padStart(4)} ${String(unl.length).padStart(4)}  ${parse.join("; ")}`,
    );
  }
  lines.push("", "excluded from the filtered figure:");
  for (const o of excluded) lines.push(`  EXCLUDED ${o.check} ${o.expected} ${o.address}: ${o.excluded}`);
  lines.push("", "counted differences (deliberate stricter verdicts):");
  for (const { outcome: o, deviation } of comparison.countedDifferences)
    lines.push(`  DIFFERENCE ${o.check} ${o.expected} ${o.address}: ours ${o.ours}; ${deviation?.reason ?? "NOT LISTED"}`);
  for (const o of comparison.unlisted) lines.push(`UNLISTED ${o.check} ${o.address}: expected ${o.expected}, ours ${o.ours} (${o.detail.slice(0, 300)})`);
  for (const d of comparison.stale) lines.push(`STALE ${d.check} ${d.address}: listed as expected ${d.expected}, ours ${d.ours}, which no longer occurs`);
  return lines.join("\n");
}
