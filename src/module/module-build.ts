/**
 * Builds one published module: a synth per switch combination, provider and backend dropped, Lambda zips moved into
 * the module, variants merged, variables declared from the config schema, resources given readable names, and the
 * result rendered to `main.tf`, `variables.tf`, `outputs.tf` and `versions.tf` (formatted like `terraform fmt`).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { TerraformStack } from "cdktf";
import { format } from "@cdktf/hcl-tools";
import { AWS_PROVIDER_CONSTRAINT, TERRAFORM_VERSION_CONSTRAINT } from "../stack";
import { LambdaPackage } from "../tiers/lambdas/lambda-package";
import { providerBlocks } from "./hcl/provider-blocks";
import { rewriteTemplateReferences } from "./hcl/references";
import { renderMain, renderOutputs, renderVariables, renderVersions, type TerraformDocument } from "./hcl/render";
import { combinations, mapTemplates, mergeVariants, type Combination, type Switch } from "./switches";
import { variableBlock, type ModuleVariable } from "./variable-spec";

export interface ModuleVariant {
  readonly stack: TerraformStack;
  readonly json: TerraformDocument & { readonly provider?: unknown };
}

export interface ModuleDefinition {
  /** Directory under terraform-modules/. */
  readonly directory: string;
  readonly switches: readonly Switch[];
  readonly variables: readonly ModuleVariable[];
  readonly variant: (combination: Combination) => ModuleVariant;
  /** Stack outputs the module leaves out (they would only echo its inputs). @default none */
  readonly omitOutputs?: readonly string[];
}

/** Generated files by path relative to the module directory. */
export type ModuleFiles = ReadonlyMap<string, string | Buffer>;

export class ModuleBuildError extends Error {}

/** The merged Terraform JSON of the module and the Lambda zips it ships. */
export function moduleDocument(definition: ModuleDefinition): { document: TerraformDocument; zips: ReadonlyMap<string, Buffer> } {
  const zips = new Map<string, Buffer>();
  const variants = combinations(definition.switches).map((combination) => {
    const { stack, json } = definition.variant(combination);
    const assetPaths = new Map<string, string>();
    for (const c of stack.node.findAll()) {
      if (!(c instanceof LambdaPackage)) continue;
      const file = `lambda/${basename(c.zip.zipPath)}`;
      assetPaths.set(c.path, `\${path.module}/${file}`);
      zips.set(file, readFileSync(c.zip.zipPath));
    }
    const output = Object.fromEntries(Object.entries(json.output ?? {}).filter(([name]) => !definition.omitOutputs?.includes(name)));
    const document: TerraformDocument = {
      ...(json.data ? { data: json.data } : {}),
      resource: mapTemplates(json.resource ?? {}, (s) => assetPaths.get(s) ?? s) as TerraformDocument["resource"],
      output,
    };
    return { combination, document };
  });
  const blockKeys = (type: string) => new Set(Object.keys(providerBlocks.resource[type] ?? providerBlocks.data[type] ?? {}));
  const merged = mergeVariants(definition.switches, variants, blockKeys);
  const named = readableNames(merged);
  const locals = Object.fromEntries(definition.variables.flatMap((v) => (v.local === undefined ? [] : [[v.name, `\${${v.local}}`]])));
  const document: TerraformDocument = {
    variable: Object.fromEntries(definition.variables.map((v) => [v.name, variableBlock(v)])) as TerraformDocument["variable"],
    ...(Object.keys(locals).length > 0 ? { locals } : {}),
    ...named,
  };
  checkDocument(document, definition);
  return { document, zips };
}

/** Every generated file of the module. */
export async function buildModuleFiles(
  definition: ModuleDefinition,
  built: { document: TerraformDocument; zips: ReadonlyMap<string, Buffer> } = moduleDocument(definition),
): Promise<ModuleFiles> {
  const { document, zips } = built;
  const files = new Map<string, string | Buffer>();
  files.set("main.tf", await format(`${renderMain(document, providerBlocks)}\n`));
  files.set("variables.tf", await format(`${renderVariables(document)}\n`));
  files.set("outputs.tf", await format(`${renderOutputs(document)}\n`));
  files.set(
    "versions.tf",
    await format(`${renderVersions(TERRAFORM_VERSION_CONSTRAINT, { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_CONSTRAINT } })}\n`),
  );
  for (const [file, bytes] of [...zips].sort(([a], [b]) => a.localeCompare(b))) files.set(file, bytes);
  return files;
}

/** Resource names without cdktf's hash suffix (`database_instance_1A2B3C4D` → `database_instance`) where unique. */
function readableNames(document: TerraformDocument): TerraformDocument {
  const renames = new Map<string, string>();
  for (const [kind, section] of [
    ["resource", document.resource],
    ["data", document.data],
  ] as const) {
    for (const [type, byName] of Object.entries(section ?? {})) {
      const prefix = kind === "data" ? `data.${type}` : type;
      const stripped = Object.keys(byName).map((name) => [name, name.replace(/_[0-9A-F]{8}$/, "")] as const);
      const counts = new Map<string, number>();
      for (const [, short] of stripped) counts.set(short, (counts.get(short) ?? 0) + 1);
      for (const [name, short] of stripped) if (counts.get(short) === 1 && short !== name) renames.set(`${prefix}.${name}`, `${prefix}.${short}`);
    }
  }
  const rename = (type: string, name: string) => renames.get(`${type}.${name}`);
  const renameSection = (section: TerraformDocument["resource"], kind: string) =>
    Object.fromEntries(
      Object.entries(section ?? {}).map(([type, byName]) => [
        type,
        Object.fromEntries(
          Object.entries(byName).map(([name, body]) => {
            const prefix = kind === "data" ? `data.${type}` : type;
            const newName = (renames.get(`${prefix}.${name}`) ?? `${prefix}.${name}`).slice(prefix.length + 1);
            const dependsOn = body.depends_on as readonly string[] | undefined;
            const renamed = dependsOn ? { ...body, depends_on: dependsOn.map((d) => renames.get(d) ?? d) } : body;
            return [newName, renamed];
          }),
        ),
      ]),
    );
  const renamed: TerraformDocument = {
    ...document,
    ...(document.data ? { data: renameSection(document.data, "data") } : {}),
    resource: renameSection(document.resource, "resource"),
  };
  return mapTemplates(renamed, (s) => rewriteTemplateReferences(s, rename)) as TerraformDocument;
}

/** Fails when a placeholder leaked (a construct computed with it) or an input is never used. */
function checkDocument(document: TerraformDocument, definition: ModuleDefinition): void {
  const text = JSON.stringify({ ...document, variable: undefined });
  if (/TfToken|Token\[|-1\.888/.test(text)) throw new ModuleBuildError(`${definition.directory}: an unresolved cdktf token reached the module`);
  const unused = definition.variables.filter((v) => !new RegExp(`\\bvar\\.${v.name}\\b`).test(text)).map((v) => v.name);
  if (unused.length > 0)
    throw new ModuleBuildError(
      `${definition.directory}: variables ${unused.join(", ")} are never referenced: a construct computed with the placeholder instead of passing it through`,
    );
  for (const placeholder of ["000000000000", "module.example.com", "vpc-00000000000000000", "subnet-0000000000000000"])
    if (text.includes(placeholder)) throw new ModuleBuildError(`${definition.directory}: the placeholder ${placeholder} reached the module`);
}
