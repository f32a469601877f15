/**
 * Finds terraform and, on machines without network, the offline provider mirror (`../shared/tf-offline-env` prints the
 * CLI config that points at it). An already-set TF_CLI_CONFIG_FILE wins; without a mirror, terraform uses the registry.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export type TerraformEnv =
  | { readonly available: true; readonly version: string; readonly env: NodeJS.ProcessEnv; readonly mirror: string }
  | { readonly available: false; readonly reason: string };

export function findTerraform(projectRoot: string, inherited: NodeJS.ProcessEnv = process.env): TerraformEnv {
  // A TF_CLI_CONFIG_FILE naming a missing file makes terraform print a warning on every call: drop it.
  const base = { ...inherited };
  if (base.TF_CLI_CONFIG_FILE && !existsSync(base.TF_CLI_CONFIG_FILE)) delete base.TF_CLI_CONFIG_FILE;
  let version: string;
  try {
    const out = execFileSync("terraform", ["version", "-json"], {
      encoding: "utf8",
      env: { ...base, CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    version = (JSON.parse(out) as { terraform_version: string }).terraform_version;
  } catch {
    return { available: false, reason: "terraform not found on PATH" };
  }
  const env: NodeJS.ProcessEnv = { ...base, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  if (base.TF_CLI_CONFIG_FILE) return { available: true, version, env, mirror: `from TF_CLI_CONFIG_FILE=${base.TF_CLI_CONFIG_FILE}` };

  const helper = resolve(projectRoot, "..", "shared", "tf-offline-env");
  if (!existsSync(helper)) return { available: true, version, env, mirror: "none (providers come from the registry)" };
  let exports: string;
  try {
    exports = execFileSync("bash", [helper], { encoding: "utf8", env: base, stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    return { available: false, reason: `terraform is installed but ${helper} found no provider mirror` };
  }
  for (const match of exports.matchAll(/^export (\w+)='?([^'\n]*)'?$/gm)) env[match[1]] = match[2];
  const mirror = /^# provider mirror: (.*)$/m.exec(exports)?.[1]?.trim() ?? "offline mirror";
  return { available: true, version, env, mirror };
}
