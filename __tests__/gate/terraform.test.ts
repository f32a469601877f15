/**
 * Terraform itself validates and plans a synthesised stack (offline, against the provider mirror). Where terraform is
 * absent the test is skipped with a visible notice — except under CI=true, where its absence is a failure.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "../../src/app/run";
import { checkStack } from "../../src/gate/check-stack";
import { findTerraform } from "../../src/gate/terraform-env";

const root = join(__dirname, "..", "..");
const terraform = findTerraform(root);
const required = process.env.CI === "true";
if (!terraform.available && !required) {
  console.warn(`\n⚠ terraform not found (${terraform.reason}): skipping terraform validate/plan tests\n`);
}

describe("terraform", () => {
  test.runIf(required && !terraform.available)("is required under CI=true", () => {
    expect.fail(`CI=true but ${terraform.available ? "" : terraform.reason}`);
  });

  test.runIf(terraform.available)(
    "validates and plans the production example offline, with no secret-bearing output",
    async () => {
      if (!terraform.available) return;
      const cwd = mkdtempSync(join(tmpdir(), "pi-terraform-"));
      const code = run({
        argv: ["--config", join(root, "examples", "production.yaml"), "--out", "out"],
        env: {},
        cwd,
        stdout: () => undefined,
        stderr: () => undefined,
      });
      expect(code).toBe(0);
      const result = await checkStack(join(cwd, "out", "stacks", "production"), join(cwd, "scratch"), terraform.env);
      expect(result.failure).toBeUndefined();
      expect(result.resourcesToAdd).toBeGreaterThan(50);
      const plan = JSON.parse(readFileSync(result.planJsonPath!, "utf8"));
      expect(plan.configuration.provider_config.aws.full_name).toBe("registry.terraform.io/hashicorp/aws");
      // The AWS provider and Terraform's built-in provider (terraform_data) only: no random, time, null or archive.
      const providers = Object.values<{ full_name: string }>(plan.configuration.provider_config).map((p) => p.full_name);
      expect(providers.sort()).toEqual(["registry.terraform.io/hashicorp/aws", "terraform.io/builtin/terraform"]);
    },
    120_000,
  );
});
