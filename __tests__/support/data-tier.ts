/** Test support for the data tier: synthesise with access to the tier constructs, and read its resources. */
import { Testing } from "cdktf";
import type { Backup } from "../../src/tiers/data/backup";
import type { Database } from "../../src/tiers/data/database";
import type { FileStorage } from "../../src/tiers/data/file-storage";
import { PanintelligenceStack } from "../../src/stack";
import { configFor, resourcesOf, type TerraformJson } from "./synth";

export interface DataTiers {
  readonly database: Database;
  readonly fileStorage: FileStorage;
  readonly backup: Backup;
}

/**
 * Synthesise one environment; `before` may use the tiers' hooks (allowFrom, …) as the compute tier will, before synth.
 */
export function synthData(environment: Record<string, unknown> = {}, before?: (tiers: DataTiers) => void): TerraformJson {
  const config = configFor(environment);
  const stack = new PanintelligenceStack(Testing.app(), config.name, { config });
  const tiers = {
    database: stack.tiers.get("database") as Database,
    fileStorage: stack.tiers.get("file-storage") as FileStorage,
    backup: stack.tiers.get("backup") as Backup,
  };
  before?.(tiers);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** The resources of one type that a tier owns (by the tier's construct id, which prefixes every logical name). */
export function tierResources(json: TerraformJson, type: string, tier: "database" | "file_storage" | "backup"): Array<[string, Record<string, any>]> {
  return resourcesOf(json, type).filter(([name]) => name.startsWith(`${tier}_`));
}

/** The only resource of a type in a tier. */
export function only(json: TerraformJson, type: string, tier: "database" | "file_storage" | "backup"): [string, Record<string, any>] {
  const found = tierResources(json, type, tier);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${tier}, found ${found.length}`);
  return found[0];
}

export { EXISTING_NETWORK } from "./synth";
