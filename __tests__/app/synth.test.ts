import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "../../src/app/run";
import { hashTree } from "../support/tree";

const root = join(__dirname, "..", "..");

function synth(cwd: string, config: string, outdir = "cdktf.out"): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = run({ argv: ["--config", config, "--out", outdir], env: {}, cwd, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

function workspace(): string {
  const cwd = mkdtempSync(join(tmpdir(), "pi-synth-"));
  cpSync(join(root, "examples"), join(cwd, "examples"), { recursive: true });
  return cwd;
}

describe("synth", () => {
  test.each(["production", "two-environments", "existing-vpc"])("two synths of %s in a row give byte-identical trees", (example) => {
    const cwd = workspace();
    expect(synth(cwd, `examples/${example}.yaml`).code).toBe(0);
    const first = hashTree(join(cwd, "cdktf.out"));
    expect(synth(cwd, `examples/${example}.yaml`).code).toBe(0);
    expect(hashTree(join(cwd, "cdktf.out"))).toEqual(first);
    expect(Object.keys(first)).toContain("manifest.json");
  });

  test("output does not depend on where the project lives (no absolute paths)", () => {
    const [a, b] = [workspace(), workspace()];
    synth(a, "examples/two-environments.yaml");
    synth(b, "examples/two-environments.yaml");
    expect(hashTree(join(a, "cdktf.out"))).toEqual(hashTree(join(b, "cdktf.out")));
    const text = readFileSync(join(a, "cdktf.out", "stacks", "production", "cdk.tf.json"), "utf8");
    expect(text).not.toContain(a);
  });

  test("one stack per environment, each with its own state", () => {
    const cwd = workspace();
    synth(cwd, "examples/two-environments.yaml");
    const manifest = JSON.parse(readFileSync(join(cwd, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["production", "staging"]);
    const keys = ["production", "staging"].map(
      (s) => JSON.parse(readFileSync(join(cwd, "cdktf.out", "stacks", s, "cdk.tf.json"), "utf8")).terraform.backend.s3.key,
    );
    expect(keys).toEqual(["panintelligence/production/terraform.tfstate", "panintelligence/staging/terraform.tfstate"]);
  });

  test("local state lives outside cdktf.out, relative to where synth runs", () => {
    const cwd = workspace();
    synth(cwd, "examples/production.yaml");
    const json = JSON.parse(readFileSync(join(cwd, "cdktf.out", "stacks", "production", "cdk.tf.json"), "utf8"));
    expect(json.terraform.backend.local.path).toBe("../../../terraform.production.tfstate");
  });

  test("a re-synth keeps terraform's working files, and drops stacks no longer configured", () => {
    const cwd = workspace();
    synth(cwd, "examples/two-environments.yaml");
    const stack = join(cwd, "cdktf.out", "stacks", "production");
    mkdirSync(join(stack, ".terraform", "providers"), { recursive: true });
    writeFileSync(join(stack, ".terraform", "providers", "marker"), "x");
    writeFileSync(join(stack, ".terraform.lock.hcl"), "lock");
    writeFileSync(join(stack, "tfplan.tfplan"), "plan");
    writeFileSync(join(stack, "cdk.tf.json"), "stale");
    // Re-synth production alone from a one-environment file: staging must go, production's working files stay.
    writeFileSync(join(cwd, "only-prod.yaml"), readFileSync(join(cwd, "examples", "two-environments.yaml"), "utf8").replace(/ {2}staging:\n( {4}.*\n)+/, ""));
    expect(synth(cwd, "only-prod.yaml").code).toBe(0);
    expect(readdirSync(join(cwd, "cdktf.out", "stacks"))).toEqual(["production"]);
    expect(readFileSync(join(stack, ".terraform", "providers", "marker"), "utf8")).toBe("x");
    expect(readFileSync(join(stack, ".terraform.lock.hcl"), "utf8")).toBe("lock");
    expect(existsSync(join(stack, "tfplan.tfplan"))).toBe(true);
    expect(readFileSync(join(stack, "cdk.tf.json"), "utf8")).not.toBe("stale");
    expect(readdirSync(cwd).filter((f) => f.includes("staging") || f.includes("previous"))).toEqual([]);
  });

  test("the summary names each stack, its resources per tier, its directory and the next command", () => {
    const cwd = workspace();
    const { stdout } = synth(cwd, "examples/production.yaml");
    expect(stdout).toMatch(/Synthesised 1 stack from examples\/production\.yaml in \d+\.\d s/);
    expect(stdout).toMatch(/production {2}\(eu-west-2, account 123456789012, lifecycle protect\)/);
    expect(stdout).toMatch(/network\s+\d+ resources/);
    expect(stdout).toMatch(/policy\s+\d+\/\d+ rules pass, \d+ high\/critical failures, \d+ waived \(npm run policy for the report\)/);
    expect(stdout).toContain("terraform -chdir=cdktf.out/stacks/production init && terraform -chdir=cdktf.out/stacks/production plan");
  });

  test("main.ts: exit code 0 on success, 2 on a bad config, and --help", () => {
    const cwd = workspace();
    writeFileSync(join(cwd, "bad.yaml"), "environments:\n  prod:\n    region: nowhere\n");
    const tsx = join(root, "node_modules", ".bin", "tsx");
    const main = join(root, "main.ts");
    const ok = spawnSync(tsx, [main], { cwd, env: { ...process.env, PI_CONFIG: "examples/existing-vpc.yaml" }, encoding: "utf8" });
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(join(cwd, "cdktf.out", "stacks", "shared", "cdk.tf.json"))).toBe(true);
    const bad = spawnSync(tsx, [main, "--config", "bad.yaml"], { cwd, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("environments.prod.region");
    const help = spawnSync(tsx, [main, "--help"], { cwd, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: npm run synth");
  });
});
