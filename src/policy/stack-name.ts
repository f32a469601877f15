import * as path from "node:path";

/** `cdktf.out/stacks/<name>/cdk.tf.json` → `<name>`; any other file → its base name without `.json`/`.tf.json`. */
export function stackNameFromPath(file: string): string {
  const base = path.basename(file);
  if (base === "cdk.tf.json") return path.basename(path.dirname(file));
  return base.replace(/(\.tf)?\.json$/, "");
}
