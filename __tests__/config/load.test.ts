import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadConfig, loadConfigFile } from "../../src/config/load";

const examples = join(__dirname, "..", "..", "examples");
/** The required edge settings. */
const edge = { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00" };

/** ghcr.io images without credentials are refused unless declared public (preflight-images.ts). */
const publicImages = { images: { public: true } };

describe("loading configuration", () => {
  test.each(["production.yaml", "two-environments.yaml", "existing-vpc.yaml", "byo-certificate.yaml", "ephemeral.yaml"])(
    "the bundled example %s is valid",
    (file) => {
      const result = loadConfigFile(join(examples, file));
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );

  test("defaults apply: protect lifecycle, local state, a two-zone VPC, 365-day logs", () => {
    const result = loadConfig({ environments: { prod: { region: "eu-west-1", accountId: "123456789012", edge, compute: publicImages } } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [env] = result.environments;
    expect(env).toMatchObject({
      name: "prod",
      project: "pi",
      prefix: "pi-prod",
      lifecycle: "protect",
      logs: { retentionDays: 365 },
      state: { backend: "local", path: "terraform.prod.tfstate" },
      network: { mode: "create", cidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"], natGateways: "single" },
      policy: { waivers: [] },
    });
  });

  test("shared defaults merge under each environment; the environment wins and lists are replaced", () => {
    const result = loadConfig({
      project: "acme",
      defaults: {
        region: "eu-west-1",
        accountId: "123456789012",
        tags: { Team: "bi", Tier: "shared" },
        network: { mode: "create", endpoints: { interface: ["logs", "ecr.api"] } },
        edge,
        compute: publicImages,
      },
      environments: {
        staging: { lifecycle: "ephemeral", tags: { Tier: "staging" } },
        production: {
          region: "eu-west-2",
          network: { mode: "create", endpoints: { interface: ["secretsmanager"] } },
          edge: { domainName: "bi-production.example.com" },
        },
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [staging, production] = result.environments;
    expect(staging).toMatchObject({ region: "eu-west-1", lifecycle: "ephemeral", tags: { Team: "bi", Tier: "staging" }, logs: { retentionDays: 30 } });
    expect(staging.network).toMatchObject({ endpoints: { interface: ["logs", "ecr.api"] } });
    expect(production).toMatchObject({ region: "eu-west-2", prefix: "acme-production", lifecycle: "protect" });
    expect(production.network).toMatchObject({ availabilityZones: ["eu-west-2a", "eu-west-2b"], endpoints: { interface: ["secretsmanager"] } });
  });

  test("JSON files load as well as YAML", () => {
    const dir = mkdtempSync(join(tmpdir(), "pi-config-"));
    const file = join(dir, "config.json");
    writeFileSync(
      file,
      JSON.stringify({ environments: { dev: { region: "us-east-1", accountId: "123456789012", lifecycle: "ephemeral", edge, compute: publicImages } } }),
    );
    const result = loadConfigFile(file);
    expect(result.ok && result.environments.map((e) => [e.name, e.region, e.lifecycle])).toEqual([["dev", "us-east-1", "ephemeral"]]);
  });

  test("every problem in every environment is reported at once", () => {
    const result = loadConfig({
      environments: {
        alpha: { region: "nowhere", accountId: "1", edge },
        beta: { region: "eu-west-1", accountId: "123456789012", edge, compute: publicImages, network: { mode: "create", cidr: "10.0.0.0/33" } },
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(["environments.alpha.region", "environments.alpha.accountId", "environments.beta.network.cidr"]);
  });
});
