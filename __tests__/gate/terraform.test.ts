/**
 * Terraform itself validates and plans a synthesised stack (offline, against the provider mirror). Where terraform is
 * absent the test is skipped with a visible notice — except under CI=true, where its absence is a failure.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { noticeIfTerraformMissing, planExample, terraform, terraformRequired as required } from "../support/terraform";

noticeIfTerraformMissing("terraform validate/plan tests");

describe("terraform", () => {
  test.runIf(required && !terraform.available)("is required under CI=true", () => {
    expect.fail(`CI=true but ${terraform.available ? "" : terraform.reason}`);
  });

  test.runIf(terraform.available)(
    "validates and plans the production example offline, with no secret-bearing output",
    async () => {
      const result = await planExample("production", "production");
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
