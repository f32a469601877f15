import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

const ROOT = resolve(__dirname, "../../..");

// The child loads index.js the way the Lambda runtime does (require, then call handler) and prints the result.
const INVOKER = `
console.log = console.error;
require(process.argv[1]).handler(JSON.parse(process.argv[2])).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => { process.stdout.write(JSON.stringify({ thrown: String(error && error.message) })); },
);
`;

/**
 * Requires `<bundleDir>/index.js` in a fresh node process and invokes its handler with `event`. The AWS SDK resolves
 * from this repository's node_modules through NODE_PATH, standing in for the one the Lambda runtime provides.
 */
export async function invokeBundle(bundleDir: string, event: unknown, env: Readonly<Record<string, string>>): Promise<unknown> {
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", INVOKER, resolve(bundleDir, "index.js"), JSON.stringify(event)], {
    env: { PATH: process.env.PATH ?? "", NODE_PATH: resolve(ROOT, "node_modules"), NODE_NO_WARNINGS: "1", ...env },
  });
  return JSON.parse(stdout) as unknown;
}
