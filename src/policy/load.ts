/** Loads a stack file of either kind, telling them apart by shape. */
import * as fs from "node:fs";
import { isPlanJson, loadPlanJson } from "./load-plan";
import { isSynthJson, loadSynthJson } from "./load-synth";
import type { LoadedStack } from "./model";
import { stackNameFromPath } from "./stack-name";

/** Bad input: the message names the file. */
export class InputError extends Error {}

export function loadStackFile(file: string): LoadedStack {
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
