/**
 * What a rehearsal applies: each stack synthesised from an example config, and each example of the published
 * modules, copied into a scratch directory (the repository is never written) with the module directories that need
 * an override file of their own.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { run } from "../app/run";
import { MODULES_DIRECTORY } from "../module/modules";
import type { ModuleCalls, Resources } from "./override";

export interface ModuleDirectory {
  /** Absolute path of the module in the scratch copy. */
  readonly dir: string;
  readonly resources: Resources;
  readonly moduleCalls: ModuleCalls;
}

export interface RehearsalTarget {
  /** e.g. `examples/production.yaml → production`, `terraform-modules/examples/complete`. */
  readonly label: string;
  /** The root module's scratch directory. */
  readonly root: ModuleDirectory;
  /** Local child modules the root calls (recursively), each a scratch directory. */
  readonly children: readonly ModuleDirectory[];
  /** Configured hosted zone id → the domain whose records it holds. */
  readonly zones: ReadonlyMap<string, string>;
  /** A synthesised stack has its own backend block (replaced by local state); a module example has none. */
  readonly hasBackend: boolean;
}

/** Synthesises `config` into `scratch` and returns one target per stack. */
export function stackTargets(projectRoot: string, config: string, scratch: string): RehearsalTarget[] {
  const example = basename(config, extname(config));
  const outdir = join(scratch, example, "cdktf.out");
  const errors: string[] = [];
  const code = run({ argv: ["--config", config, "--out", outdir], env: {}, cwd: projectRoot, stdout: () => undefined, stderr: (t) => errors.push(t) });
  if (code !== 0) throw new Error(`synth of ${relative(projectRoot, config)} failed (exit ${code}):\n${errors.join("\n")}`);
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  return Object.keys(manifest.stacks)
    .sort()
    .map((name) => {
      const dir = join(scratch, example, name);
      rmSync(dir, { recursive: true, force: true });
      cpSync(join(outdir, "stacks", name), dir, { recursive: true });
      const resources = (JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { resource?: Resources }).resource ?? {};
      return {
        label: `${relative(projectRoot, config)} → ${name}`,
        root: { dir, resources, moduleCalls: {} },
        children: [],
        zones: zonesOfRecords(resources),
        hasBackend: true,
      };
    });
}

/** Copies the published modules into `scratch` once and returns the target for `examples/<name>`. */
export async function moduleExampleTarget(projectRoot: string, name: string, scratch: string): Promise<RehearsalTarget> {
  const copy = join(scratch, MODULES_DIRECTORY);
  if (!existsSync(copy)) {
    mkdirSync(scratch, { recursive: true });
    cpSync(join(projectRoot, MODULES_DIRECTORY), copy, {
      recursive: true,
      filter: (source) => !/(^|\/)\.terraform(\/|$)|terraform\.tfstate/.test(relative(projectRoot, source)),
    });
  }
  const rootDir = join(copy, "examples", name);
  if (!existsSync(rootDir)) throw new Error(`rehearse: ${MODULES_DIRECTORY}/examples/${name} does not exist`);
  const root = await readModule(rootDir);
  const children: ModuleDirectory[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as ModuleDirectory;
    for (const args of Object.values(parent.moduleCalls)) {
      const source = args.source;
      if (typeof source !== "string" || !/^\.\.?\//.test(source)) continue;
      const dir = resolve(parent.dir, source);
      if (dir === root.dir || children.some((c) => c.dir === dir)) continue;
      const child = await readModule(dir);
      children.push(child);
      queue.push(child);
    }
  }
  return { label: `${MODULES_DIRECTORY}/examples/${name}`, root, children, zones: zonesOfModuleCalls(root.moduleCalls), hasBackend: false };
}

/** The example configs and module examples a plain `npm run rehearse` covers. */
export function defaultTargets(projectRoot: string): { readonly configs: string[]; readonly moduleExamples: string[] } {
  const examples = join(projectRoot, "examples");
  return {
    configs: readdirSync(examples)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => join(examples, f)),
    moduleExamples: readdirSync(join(projectRoot, MODULES_DIRECTORY, "examples"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort(),
  };
}

/** Every resource type of a target, root and children. */
export function resourceTypesOf(target: RehearsalTarget): Set<string> {
  return new Set([target.root, ...target.children].flatMap((m) => Object.keys(m.resources)));
}

async function readModule(dir: string): Promise<ModuleDirectory> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  const moduleCalls: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".tf"))
    .sort()) {
    const parsed = (await parse(file, readFileSync(join(dir, file), "utf8"))) as {
      resource?: Record<string, Record<string, Array<Record<string, unknown>>>>;
      module?: Record<string, Array<Record<string, unknown>>>;
    };
    for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
      for (const [name, blocks] of Object.entries(byName)) (resources[type] ??= {})[name] = blocks[0];
    }
    for (const [name, blocks] of Object.entries(parsed.module ?? {})) moduleCalls[name] = blocks[0];
  }
  return { dir, resources, moduleCalls };
}

/** A literal `zone_id` of a Route 53 record and the record's literal name (the domain the zone must hold). */
function zonesOfRecords(resources: Resources): Map<string, string> {
  const zones = new Map<string, string>();
  for (const record of Object.values(resources.aws_route53_record ?? {})) {
    const { zone_id: zoneId, name } = record;
    if (typeof zoneId !== "string" || zoneId.includes("${")) continue;
    if (typeof name === "string" && !name.includes("${")) zones.set(zoneId, name);
    else if (!zones.has(zoneId)) zones.set(zoneId, "");
  }
  for (const [zoneId, domain] of zones) {
    if (domain === "") throw new Error(`rehearse: no literal record name shows which domain the hosted zone ${zoneId} holds`);
  }
  return zones;
}

function zonesOfModuleCalls(calls: ModuleCalls): Map<string, string> {
  const zones = new Map<string, string>();
  for (const args of Object.values(calls)) {
    const { hosted_zone_id: zoneId, domain_name: domain } = args;
    if (typeof zoneId === "string" && !zoneId.includes("${") && typeof domain === "string") zones.set(zoneId, domain);
  }
  return zones;
}
