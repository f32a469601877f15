/** Terraform/OpenTofu compatibility: the checker's rules, its table against cdktn's, and every stack and module. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { run } from "../../src/app/run";
import { isGeneratedModuleFile } from "../../src/module/generated-modules";
import { main } from "../../src/terraform/opentofu-cli";
import { compatibilityProblems, FUNCTION_AVAILABILITY, functionsCalled, lockFilesIn, satisfies } from "../../src/terraform/opentofu-compat";

const root = join(__dirname, "..", "..");

describe("the checker", () => {
  test("finds function calls in expressions, not attribute names or provider namespaces", () => {
    expect(functionsCalled(`templatestring(local.t, { a = lower(var.x) })`)).toEqual(["templatestring", "lower"]);
    expect(functionsCalled(`aws_s3_bucket.convert(1) + provider::terraform::encode_tfvars({})`)).toEqual(["provider::terraform::encode_tfvars"]);
  });

  test.each([
    ["convert (Terraform 1.15 only)", { output: { o: { value: "${convert(var.x, string)}" } } }, /function convert\(\).*opentofu never/],
    ["base64gunzip (OpenTofu only)", { locals: { l: "x-${base64gunzip(var.z)}" } }, /base64gunzip\(\).*terraform never/],
    ["cidrcontains (OpenTofu only)", { locals: [{ l: '${cidrcontains("10.0.0.0/8", var.ip)}' }] }, /cidrcontains/],
    ["urldecode (OpenTofu only)", { locals: { l: "${urldecode(var.u)}" } }, /urldecode/],
    ["ephemeralasnull (OpenTofu from 1.11)", { output: { o: { value: "${ephemeralasnull(var.t)}" } } }, /missing in opentofu 1\.10\.0/],
    ["an ephemeral resource block", { ephemeral: { aws_secretsmanager_secret_version: { s: {} } } }, /ephemeral resource blocks/],
    ["an ephemeral variable", { variable: { token: [{ ephemeral: true }] } }, /variable\.token: ephemeral = true/],
    ["a write-only argument", { resource: { aws_db_instance: { db: { password_wo: "${var.p}" } } } }, /password_wo: write-only argument/],
    ["state encryption (OpenTofu only)", { terraform: [{ encryption: [{}] }] }, /state encryption/],
    ["for_each on a provider (OpenTofu only)", { provider: { aws: [{ alias: "by_region", for_each: "${var.regions}" }] } }, /for_each on a provider/],
    ["lifecycle.enabled (OpenTofu only)", { resource: { aws_s3_bucket: { b: { lifecycle: [{ enabled: "${var.on}" }] } } } }, /lifecycle\.enabled/],
    ["a required_version above the floor", { terraform: { required_version: ">= 1.11.0" } }, /shuts out terraform 1\.10\.0/],
  ])("rejects %s", (_name, config, message) => {
    const problems = compatibilityProblems(config);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toMatch(message);
  });

  test("accepts what both tools have at 1.10: templatestring, issensitive, provider::terraform functions, >= 1.10.0", () => {
    expect(
      compatibilityProblems({
        terraform: { required_version: ">= 1.10.0", backend: { s3: { use_lockfile: true } } },
        locals: { a: "${templatestring(local.t, {})}", b: "${issensitive(var.x)}", c: "${provider::terraform::encode_tfvars({})}" },
        variable: { v: { description: "Pass convert(x) here", ephemeral: false } },
      }),
    ).toEqual([]);
  });

  test("reads version constraints as Terraform does", () => {
    expect(satisfies("1.10.0", ">= 1.10.0")).toBe(true);
    expect(satisfies("1.10.0", ">= 1.10, < 2.0.0")).toBe(true);
    expect(satisfies("1.10.5", "~> 1.10.0")).toBe(true);
    expect(satisfies("1.11.0", "~> 1.10.0")).toBe(false);
    expect(satisfies("1.99.0", "~> 1.10")).toBe(true);
    expect(satisfies("1.10.0", "> 1.10.0")).toBe(false);
  });

  test("finds lock files anywhere in a module tree", () => {
    expect(lockFilesIn(["a/main.tf", "examples/x/.terraform.lock.hcl", ".terraform.lock.hcl"])).toEqual([
      "examples/x/.terraform.lock.hcl",
      ".terraform.lock.hcl",
    ]);
  });

  test("the function table matches the one the installed cdktn core generates from both tools' function lists", () => {
    // cdktn keeps it as an internal generated module; a cdktn upgrade that changes it fails here, so the dated table
    // in opentofu-compat.ts (and the README) is updated with it.
    const generated = require(join(root, "node_modules", "cdktf", "lib", "functions", "function-availability.generated.js")) as {
      functionVersionConstraints: Record<string, { terraform?: string; opentofu?: string }>;
    };
    const ours = Object.fromEntries(
      Object.entries(FUNCTION_AVAILABILITY)
        .filter(([name]) => !name.startsWith("provider::"))
        .map(([name, a]) => [name, Object.fromEntries(Object.entries(a).map(([tool, v]) => [tool, `>=${v}`]))]),
    );
    expect(ours).toEqual(generated.functionVersionConstraints);
  });
});

describe("every synthesised stack and every module", () => {
  let work: string;
  const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".yaml"));

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "pi-opentofu-"));
    for (const example of examples) {
      const code = run({ argv: ["--config", join("examples", example), "--out", join(work, example)], env: {}, cwd: root, stdout: () => {}, stderr: () => {} });
      if (code !== 0) throw new Error(`synth of ${example} failed (${code})`);
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function check(dirs: readonly string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((t: string) => void lines.push(t));
    const error = vi.spyOn(console, "error").mockImplementation((t: string) => void lines.push(t));
    try {
      return { code: await main(dirs, root), out: lines.join("\n") };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  test("run on Terraform ≥ 1.10 and OpenTofu ≥ 1.10", async () => {
    const result = await check([work, "terraform-modules"]);
    expect(result.out).toMatch(/opentofu:check: \d+ configurations run on/);
    const stacks = Number(/(\d+) configurations/.exec(result.out)?.[1]);
    expect(stacks).toBeGreaterThanOrEqual(examples.length + 5); // every stack, two modules, three module examples
    expect(result.code).toBe(0);
  });

  test("the check fails on a real stack given a Terraform-only function", async () => {
    const example = examples[0] ?? "";
    const stacks = join(work, example, "stacks");
    const stack = join(stacks, readdirSync(stacks)[0] ?? "", "cdk.tf.json");
    const original = readFileSync(stack, "utf8");
    const json = JSON.parse(original);
    json.output = { ...json.output, converted: { value: "${convert(1, string)}" } };
    writeFileSync(stack, JSON.stringify(json));
    try {
      const result = await check([join(work, example)]);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/output\.converted\.value: function convert\(\)/);
    } finally {
      writeFileSync(stack, original);
    }
  });

  test("modules publish no lock file: git tracks none and the module build writes none", () => {
    const tracked = execFileSync("git", ["ls-files", "--", "terraform-modules"], { cwd: root, encoding: "utf8" }).split("\n");
    expect(tracked.filter((f) => f.endsWith(".tf")).length).toBeGreaterThan(5);
    expect(lockFilesIn(tracked)).toEqual([]);
    expect(isGeneratedModuleFile("panintelligence/.terraform.lock.hcl")).toBe(false);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toMatch(/^terraform-modules\/\*\*\/\.terraform\.lock\.hcl$/m);
  });
});
