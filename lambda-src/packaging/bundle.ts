import { buildSync } from "esbuild";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The repository root: esbuild runs from here with relative entry points, so no machine path lands in the output.
 * Found by walking up to the folder that holds lambda-src/, so it is right from the sources (tsx) and from the app
 * bundle in dist/ alike.
 */
const ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "lambda-src", "build.ts")) && existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the repository (lambda-src/) above ${start}`);
  }
}

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
