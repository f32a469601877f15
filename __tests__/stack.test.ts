import { describe, expect, test } from "vitest";
import { AWS_PROVIDER_CONSTRAINT } from "../src/stack";
import { synthEnvironment } from "./support/synth";

describe("PanintelligenceStack", () => {
  test("pins the AWS provider to the range we test, from hashicorp/aws, and nothing else", () => {
    const { json } = synthEnvironment();
    expect(AWS_PROVIDER_CONSTRAINT).toBe(">= 5.100.0, < 7.0.0");
    expect(json.terraform?.required_providers).toEqual({ aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } });
    expect(json.terraform?.required_version).toBe(">= 1.10.0");
    expect(Object.keys(json.provider ?? {})).toEqual(["aws"]);
  });

  test("uses no data source: plans never call AWS for lookups", () => {
    expect(synthEnvironment({ network: { mode: "create", endpoints: { s3Gateway: true, interface: ["logs"] } } }).json.data).toBeUndefined();
  });

  test("provider: region, account allow-list, and default tags with the operator's tags", () => {
    const { json } = synthEnvironment({ tags: { CostCentre: "bi" } });
    expect(json.provider?.aws).toEqual([
      {
        region: "eu-west-2",
        allowed_account_ids: ["123456789012"],
        default_tags: [
          {
            tags: { CostCentre: "bi", Environment: "test", ManagedBy: "cdktf", Project: "pi", Service: "panintelligence" },
          },
        ],
      },
    ]);
  });

  test("local backend by default, at the configured path", () => {
    expect(synthEnvironment().json.terraform?.backend).toEqual({ local: { path: "terraform.test.tfstate" } });
    expect(synthEnvironment({ state: { backend: "local", path: "state/x.tfstate" } }).json.terraform?.backend).toEqual({
      local: { path: "state/x.tfstate" },
    });
  });

  test("S3 backend: encrypted, native lock file, key and region defaulted from the environment", () => {
    const { json } = synthEnvironment({ state: { backend: "s3", bucket: "my-state" } });
    expect(json.terraform?.backend).toEqual({
      s3: { bucket: "my-state", key: "panintelligence/test/terraform.tfstate", region: "eu-west-2", encrypt: true, use_lockfile: true },
    });
    const withKms = synthEnvironment({
      state: { backend: "s3", bucket: "my-state", key: "k/state", region: "us-east-1", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc" },
    }).json;
    expect(withKms.terraform?.backend).toMatchObject({
      s3: { key: "k/state", region: "us-east-1", kms_key_id: "arn:aws:kms:us-east-1:123456789012:key/abc", use_lockfile: true },
    });
  });

  test("every output has a description", () => {
    const { json } = synthEnvironment();
    const outputs = Object.entries(json.output ?? {});
    expect(outputs.length).toBeGreaterThan(0);
    for (const [name, output] of outputs) expect(output.description, name).toMatch(/\w{3,}/);
  });
});
