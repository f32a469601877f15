/**
 * A Lambda's deterministic zip as a Terraform asset. The zip is built once per process and input (an app with several
 * environments reuses it) by lambda-src/build.ts, then copied into the stack's assets by cdktf, byte for byte.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { buildLambdaZip, type LambdaName, type LambdaZip } from "../../../lambda-src/build";
import { cachedLambdaZip } from "./zip-cache";

const built = new Map<string, LambdaZip>();
let buildDir: string | undefined;

function zipFor(name: LambdaName, seedDir: string | undefined): LambdaZip {
  const key = `${name}\0${seedDir ?? ""}`;
  let zip = built.get(key);
  if (!zip) {
    buildDir ??= mkdtempSync(join(tmpdir(), "pi-lambda-"));
    const outDir = join(buildDir, String(built.size));
    zip = seedDir ? buildLambdaZip({ name, outDir, seedDir }) : cachedLambdaZip(name, outDir);
    built.set(key, zip);
  }
  return zip;
}

export interface LambdaPackageProps {
  readonly name: LambdaName;
  /** efs-initialiser only: the operator's seed folder (absolute). @default none (the zip carries an empty seed) */
  readonly seedDir?: string;
}

export class LambdaPackage extends Construct {
  /** Path of the zip relative to the stack directory: `aws_lambda_function.filename`. */
  public readonly path: string;
  public readonly zip: LambdaZip;

  constructor(scope: Construct, id: string, props: LambdaPackageProps) {
    super(scope, id);
    this.zip = zipFor(props.name, props.seedDir);
    this.path = new TerraformAsset(this, "zip", { path: this.zip.zipPath, type: AssetType.FILE }).path;
  }
}
