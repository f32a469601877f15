/**
 * Build API for the cdktf construct: one call per function, synchronous (constructs cannot await), deterministic.
 *
 *   const zip = buildLambdaZip({ name: "efs-initialiser", seedDir, outDir });
 *   new LambdaFunction(this, "init", {
 *     filename: zip.zipPath, sourceCodeHash: zip.sha256Base64, runtime: zip.runtime, handler: zip.handler, ... });
 *   // Re-run only when the seed (or the directory layout in the function's environment) changes:
 *   new LambdaInvocation(this, "run", { ..., input: "{}", triggers: { seed: zip.seedHash!, layout: "<dirs,uid,gid>" } });
 *
 * Same sources, seed and toolchain give a byte-identical zip, so the hashes only change when the code or seed does.
 * Finds the handler sources by searching upwards from this module for lambda-src/, so it works from source (tsx) and
 * bundled into dist/ alike; esbuild must stay external to any such bundle.
 */
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SEED_MANIFEST_FILE, EMPTY_SEED_MANIFEST } from "./efs-initialiser/seed-manifest";
import { bundleHandler } from "./packaging/bundle";
import { DEFAULT_MAX_SEED_BYTES, scanSeed } from "./packaging/seed-scan";
import { writeZip, type ZipEntry } from "./packaging/zip-writer";

export { DEFAULT_MAX_SEED_BYTES };

export type LambdaName = "efs-initialiser" | "upload-sync";

export const LAMBDA_RUNTIME = "nodejs22.x";
export const LAMBDA_HANDLER = "index.handler";

export interface BuildLambdaZipOptions {
  readonly name: LambdaName;
  /** Directory for the zip (created if missing); the file is `<outDir>/<name>.zip`. */
  readonly outDir: string;
  /** efs-initialiser only: folder laid out like the EFS root (themes/, locale/, ...) to seed absent files from. */
  readonly seedDir?: string;
  /** Build fails above this seed size, pointing at the S3 upload path instead. Default DEFAULT_MAX_SEED_BYTES (32 MiB). */
  readonly maxSeedBytes?: number;
}

export interface LambdaZip {
  readonly zipPath: string;
  /** base64 SHA-256 of the zip: aws_lambda_function.source_code_hash. */
  readonly sha256Base64: string;
  readonly md5Hex: string;
  readonly bytes: number;
  /** efs-initialiser only: hash of seed paths and contents (also set without a seed), for the invocation triggers. */
  readonly seedHash?: string;
  readonly runtime: typeof LAMBDA_RUNTIME;
  readonly handler: typeof LAMBDA_HANDLER;
}

const ENTRY_POINTS: Readonly<Record<LambdaName, string>> = {
  "efs-initialiser": "lambda-src/efs-initialiser/index.ts",
  "upload-sync": "lambda-src/upload-sync/index.ts",
};

export function buildLambdaZip(options: BuildLambdaZipOptions): LambdaZip {
  const entryPoint = ENTRY_POINTS[options.name];
  if (entryPoint === undefined) throw new Error(`unknown lambda "${String(options.name)}"`);
  if (options.seedDir !== undefined && options.name !== "efs-initialiser") throw new Error(`${options.name} takes no seed`);

  const entries: ZipEntry[] = [{ name: "index.js", data: bundleHandler(entryPoint) }];
  let seedHash: string | undefined;
  if (options.name === "efs-initialiser") {
    const seed = options.seedDir === undefined ? undefined : scanSeed(options.seedDir, options.maxSeedBytes ?? DEFAULT_MAX_SEED_BYTES);
    const manifest = seed?.manifest ?? EMPTY_SEED_MANIFEST;
    entries.push({ name: SEED_MANIFEST_FILE, data: Buffer.from(`${JSON.stringify(manifest)}\n`) }, ...(seed?.entries ?? []));
    seedHash = manifest.hash;
  }
  const zip = writeZip(entries);

  mkdirSync(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, `${options.name}.zip`);
  // Write then rename: a concurrent synth or terraform never reads a half-written zip.
  const temp = `${zipPath}.${process.pid}.tmp`;
  writeFileSync(temp, zip);
  renameSync(temp, zipPath);
  return {
    zipPath,
    sha256Base64: createHash("sha256").update(zip).digest("base64"),
    md5Hex: createHash("md5").update(zip).digest("hex"),
    bytes: zip.length,
    ...(seedHash === undefined ? {} : { seedHash }),
    runtime: LAMBDA_RUNTIME,
    handler: LAMBDA_HANDLER,
  };
}
