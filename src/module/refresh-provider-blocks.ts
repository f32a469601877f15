/**
 * Regenerates hcl/provider-blocks.json: the provider schema from `terraform providers schema -json` (offline mirror
 * or registry), pruned to the nested blocks that the example stacks and every module variant use.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { loadConfigFile } from "../config/load";
import { findTerraform } from "../terraform/terraform-env";
import { AWS_PROVIDER_CONSTRAINT, PanintelligenceStack, TERRAFORM_VERSION_CONSTRAINT } from "../stack";
import { renderVersions, type TerraformDocument } from "./hcl/render";
import { usedBlocks, type ProviderSchema } from "./hcl/used-blocks";
import { PUBLISHED_MODULES } from "./modules";
import { combinations } from "./switches";

export const PROVIDER_BLOCKS_FILE = join("src", "module", "hcl", "provider-blocks.json");

export function refreshProviderBlocks(projectRoot: string): string {
  const terraform = findTerraform(projectRoot);
  if (!terraform.available) throw new Error(`--refresh-provider-blocks needs terraform: ${terraform.reason}`);
  const dir = mkdtempSync(join(tmpdir(), "pi-provider-schema-"));
  try {
    writeFileSync(
      join(dir, "versions.tf"),
      renderVersions(TERRAFORM_VERSION_CONSTRAINT, { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_CONSTRAINT } }),
    );
    const run = (...args: string[]) =>
      execFileSync("terraform", [`-chdir=${dir}`, ...args], { env: terraform.env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    run("init", "-input=false", "-no-color");
    const schemas = JSON.parse(run("providers", "schema", "-json")) as { provider_schemas: Record<string, ProviderSchema> };
    const aws = Object.entries(schemas.provider_schemas).find(([source]) => source.endsWith("hashicorp/aws"))?.[1];
    if (!aws) throw new Error("terraform providers schema: no hashicorp/aws schema");
    return `${JSON.stringify(usedBlocks(aws, documentsToCover(projectRoot)), null, 2)}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function documentsToCover(projectRoot: string): TerraformDocument[] {
  const documents: TerraformDocument[] = [];
  const examples = join(projectRoot, "examples");
  for (const file of readdirSync(examples).filter((f) => /\.(ya?ml|json)$/.test(f))) {
    const loaded = loadConfigFile(join(examples, file));
    if (!loaded.ok) throw new Error(`examples/${file} does not load`);
    for (const config of loaded.environments)
      documents.push(JSON.parse(Testing.synth(new PanintelligenceStack(Testing.app(), config.name, { config }))) as TerraformDocument);
  }
  for (const module of PUBLISHED_MODULES) for (const c of combinations(module.switches)) documents.push(module.variant(c).json);
  return documents;
}
