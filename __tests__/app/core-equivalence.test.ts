/**
 * The core moved from cdktf 0.21.0 (archived upstream) to its fork cdktn through the npm alias `cdktf` → cdktn.
 * This synthesises every example with both cores — the same app bundle, run once as installed and once with a preload
 * that points `cdktf` at the archived 0.21.0 (devDependency `cdktf-legacy`) — and requires the same trees: every file
 * byte-identical except for the two differences listed in KNOWN_DIFFERENCES, each with its reason.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashTree } from "../support/tree";

const root = join(__dirname, "..", "..");
const LEGACY_HOOK = join(root, "__tests__", "support", "legacy-cdktf.cjs");
const EXAMPLES = readdirSync(join(root, "examples"))
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.replace(/\.yaml$/, ""));

const coreVersion = (name: string): { name: string; version: string } =>
  JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [root] }), "utf8"));

/**
 * What may differ between the two cores' output, and why. Anything else fails the test.
 * - The core's own version, written by the synthesizer into manifest.json (`version`) and each stack's
 *   `"//".metadata.version`: 0.21.0 vs 0.24.0. Terraform ignores both.
 * - Empty arrays and objects: cdktf 0.21 prints `[` and `]` on two lines, cdktn prints `[]`. Same JSON value.
 */
const KNOWN_DIFFERENCES = ["core version in manifest.json and the stack metadata", "layout of empty JSON arrays and objects"];

/** The text with the known differences taken out: empty brackets collapsed, the core version replaced (exactly once). */
function normalise(text: string, file: string, version: string): string {
  const collapsed = text.replace(/\[\s+\]/g, "[]").replace(/\{\s+\}/g, "{}");
  const versionLine = `"version": "${version}"`;
  if (collapsed.split(versionLine).length !== 2) throw new Error(`${file}: expected the core version ${version} exactly once`);
  return collapsed.replace(versionLine, `"version": "<core>"`);
}

let work: string;
let bundle: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "pi-core-"));
  // Inside the repository, so the bundle finds the project root (lambda sources) from its own location, as dist/ does.
  bundle = join(root, "dist", `core-equivalence-${process.pid}`, "main.js");
  buildSync({
    entryPoints: [join(root, "main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    outfile: bundle,
    logLevel: "warning",
  });
});

afterAll(() => {
  rmSync(join(bundle, ".."), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function synth(example: string, core: "cdktn" | "legacy"): string {
  const out = join(work, core, example);
  const preload = core === "legacy" ? ["--require", LEGACY_HOOK] : [];
  const result = spawnSync(process.execPath, [...preload, bundle, "--config", `examples/${example}.yaml`, "--out", out], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) throw new Error(`${core} synth of ${example} failed (${result.status}):\n${result.stderr}`);
  return out;
}

describe("cdktn core (npm alias) against the archived cdktf 0.21.0", () => {
  test("the cdktf import resolves to cdktn; the legacy core is the real cdktf 0.21.0", () => {
    expect(coreVersion("cdktf")).toMatchObject({ name: "cdktn", version: "0.24.0" });
    expect(coreVersion("cdktf-legacy")).toMatchObject({ name: "cdktf", version: "0.21.0" });
  });

  test("the preload really swaps the core (a synth under it records 0.21.0)", () => {
    const manifest = JSON.parse(readFileSync(join(synth("ephemeral", "legacy"), "manifest.json"), "utf8"));
    expect(manifest.version).toBe("0.21.0");
  });

  test.each(EXAMPLES)("%s: the same files, byte-identical but for the known differences", (example) => {
    const [legacy, current] = [synth(example, "legacy"), synth(example, "cdktn")];
    const [before, after] = [hashTree(legacy), hashTree(current)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(before).length).toBeGreaterThan(3);
    const versions = { legacy: coreVersion("cdktf-legacy").version, current: coreVersion("cdktf").version };
    for (const file of Object.keys(before)) {
      if (before[file] === after[file]) continue;
      // Only the manifest and the stacks' Terraform JSON carry the core version; zips, waivers etc. must be identical.
      expect(file, `${file} differs (${KNOWN_DIFFERENCES.join("; ")} are the only allowed differences)`).toMatch(
        /^(manifest\.json|stacks\/[^/]+\/cdk\.tf\.json)$/,
      );
      const a = normalise(readFileSync(join(legacy, file), "utf8"), file, versions.legacy);
      const b = normalise(readFileSync(join(current, file), "utf8"), file, versions.current);
      expect(b, file).toBe(a);
    }
  });
});
