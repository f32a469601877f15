/**
 * Loads a stack of any kind, telling them apart by shape: a synthesised cdk.tf.json, a `terraform show -json` plan, or
 * a Terraform configuration (a directory of `.tf` / `.tf.json` files, or one such file).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { HclParseError, HclUnavailableError, isTerraformDirectory, loadTerraformDirectory, parseTerraformFile, stackFromTerraform } from "./load-hcl";
import { isPlanJson, loadPlanJson } from "./load-plan";
import { isSynthJson, loadSynthJson } from "./load-synth";
import type { LoadedStack } from "./model";
import { stackNameFromPath } from "./stack-name";

/** Bad input: the message names the file. */
export class InputError extends Error {}

/** A synthesised stack or a plan, from a JSON file. For `.tf` files and directories use `loadStack`. */
export function loadStackFile(file: string): LoadedStack {
  if (file.endsWith(".tf") || (fs.existsSync(file) && fs.statSync(file).isDirectory()))
    throw new InputError(`${file}: Terraform configuration (HCL), read it with loadStack (async)`);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file}: cannot read JSON (${(error as Error).message})`);
  }
  const name = stackNameFromPath(file);
  try {
    if (isPlanJson(doc)) return { ...loadPlanJson(doc as object, name), path: file };
    if (isSynthJson(doc)) return { ...loadSynthJson(doc as object, name), path: file };
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
  throw new InputError(`${file}: neither a synthesised cdk.tf.json (no "resource"/"data") nor a terraform show -json plan (no "format_version")`);
}

/**
 * Loads any input: a Terraform directory (its `.tf` and `.tf.json` files as one root module, with var/local/count
 * evaluation), a single `.tf` file, or a JSON file: a synthesised stack or a plan, told apart by shape. A file the HCL parser rejects is an
 * InputError naming the file, line and column with the parser's message.
 */
export async function loadStack(input: string): Promise<LoadedStack> {
  if (!fs.existsSync(input)) throw new InputError(`${input}: no such file or directory`);
  try {
    if (fs.statSync(input).isDirectory()) {
      if (isTerraformDirectory(input)) return await loadTerraformDirectory(input);
      const synth = path.join(input, "cdk.tf.json");
      if (fs.existsSync(synth)) return loadStackFile(synth);
      throw new InputError(`${input}: no .tf or .tf.json files in this directory`);
    }
    if (input.endsWith(".tf")) {
      return stackFromTerraform([await parseTerraformFile(input)], path.basename(input).replace(/(\.tf)?(\.json)?$/, ""), input);
    }
    return loadStackFile(input);
  } catch (error) {
    if (error instanceof HclParseError) throw new InputError(`cannot parse Terraform configuration:\n${error.message}`);
    if (error instanceof HclUnavailableError) throw new InputError(`${input}: ${error.message}`);
    throw error;
  }
}
