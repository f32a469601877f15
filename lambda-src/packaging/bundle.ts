import { buildSync } from "esbuild";
import { resolve } from "node:path";

/** The repository root: esbuild runs from here with relative entry points, so no machine path lands in the output. */
const ROOT = resolve(__dirname, "..", "..");

/**
 * Bundles one handler into a single CommonJS file for the nodejs22.x runtime. The AWS SDK stays external: the
 * runtime provides it, and bundling it would add megabytes. Same sources + same esbuild version = same bytes.
 */
export function bundleHandler(entryPoint: string): Buffer {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [entryPoint],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    external: ["@aws-sdk/*"],
    outfile: "index.js",
    write: false,
    minify: false,
    sourcemap: false,
    legalComments: "none",
    charset: "utf8",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (result.outputFiles.length !== 1 || output === undefined) throw new Error(`esbuild produced ${result.outputFiles.length} files for ${entryPoint}`);
  const code = Buffer.from(output.contents);
  // Guard: a machine path in the bundle would make the zip differ between checkouts.
  if (code.includes(ROOT)) throw new Error(`bundle of ${entryPoint} embeds the local path ${ROOT}`);
  return code;
}
