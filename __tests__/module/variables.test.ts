/**
 * Module inputs come from the config schema: the same descriptions, the same defaults as a `protect` environment, and
 * the schema's rules as `validation` blocks that Terraform enforces with a message naming the input.
 */
import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/load";
import { PUBLISHED_MODULES } from "../../src/module/modules";
import { fieldSchema, schemaValidations, variableBlock, type ModuleVariable } from "../../src/module/variable-spec";
import { noticeIfTerraformMissing, planModuleRoot, terraform, terraformRequired as required } from "../support/terraform";

const inputs = PUBLISHED_MODULES.flatMap((m) => m.variables.map((v) => ({ module: m.directory, variable: v })));

/** A protect environment with every default resolved: what a module input's default must equal. */
const protect = (() => {
  const loaded = loadConfig({
    project: "pi",
    environments: {
      prod: {
        region: "eu-west-2",
        accountId: "123456789012",
        edge: { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00" },
        // ghcr.io needs credentials (preflight-images); the module inputs keep the schema's repository defaults
        compute: { registryCredentialsSecretArn: "arn:aws:secretsmanager:eu-west-2:123456789012:secret:pi/ghcr-AbCdEf" },
      },
    },
  });
  if (!loaded.ok) throw new Error("base config");
  return loaded.environments[0] as unknown as Record<string, unknown>;
})();
const at = (path: string) => path.split(".").reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], protect);

describe("module inputs", () => {
  test.each(inputs)("$module: $variable.name has the config's default for a protect environment", ({ variable }) => {
    const block = variableBlock(variable);
    // an input with a local stands for a derived default (null = derive), which the protect config leaves unset
    if (!("default" in block) || variable.configPath === undefined || variable.local !== undefined) return;
    expect(block.default, variable.configPath).toEqual(at(variable.configPath));
  });

  test("descriptions come from the schema, without the CDKTF-only @default notes", () => {
    const block = variableBlock({ name: "database_instance_class", type: "string", configPath: "database.instanceClass" });
    expect(block.description).toBe(fieldSchema("database.instanceClass").description);
    const retention = variableBlock({ name: "database_backup_retention_days", type: "number", configPath: "database.backupRetentionDays", default: 14 });
    expect(retention.description).not.toContain("@default");
  });

  test("schema rules become Terraform validations: enums, RE2-safe patterns, ranges, whole numbers", () => {
    const rules = (v: ModuleVariable) => schemaValidations(v, fieldSchema(v.configPath!)).map(([condition]) => condition);
    expect(rules({ name: "tls_policy", type: "string", configPath: "edge.tlsPolicy" })[0]).toMatch(/^contains\(\["ELBSecurityPolicy-TLS13-1-2-Res-2021-06",/);
    expect(rules({ name: "log_retention_days", type: "number", configPath: "logs.retentionDays" })[0]).toContain("contains([1,3,5,7,14,30");
    // the domain pattern starts with a length lookahead, which RE2 lacks: it becomes a length() check plus the rest
    const domain = rules({ name: "domain_name", type: "string", configPath: "edge.domainName" });
    expect(domain[0]).toBe("length(var.domain_name) >= 1 && length(var.domain_name) <= 253");
    expect(domain.join(" ")).not.toContain("(?=");
    const storage = rules({ name: "database_allocated_storage_gib", type: "number", configPath: "database.allocatedStorageGib" });
    expect(storage).toContain("floor(var.database_allocated_storage_gib) == var.database_allocated_storage_gib");
    expect(storage.some((r) => /var\.database_allocated_storage_gib >= \d+/.test(r))).toBe(true);
  });

  test("an input without description and config field is a build error, not a silent gap", () => {
    expect(() => variableBlock({ name: "mystery", type: "string" })).toThrow(/mystery has no description/);
  });
});

noticeIfTerraformMissing("the module input validation test");

/** Every required input, valid: a test overrides some with bad values (HCL expressions). */
const REQUIRED_INPUTS: Readonly<Record<string, string>> = {
  name: '"pi-inputs"',
  region: '"eu-west-2"',
  account_id: '"123456789012"',
  vpc_id: '"vpc-0a1b2c3d4e5f60718"',
  public_subnet_ids: '["subnet-0aa0000000000a001", "subnet-0aa0000000000a002"]',
  app_subnet_ids: '["subnet-0bb0000000000b001", "subnet-0bb0000000000b002"]',
  data_subnet_ids: '["subnet-0cc0000000000c001", "subnet-0cc0000000000c002"]',
  domain_name: '"bi.example.org"',
  hosted_zone_id: '"Z0123456789EXAMPLE03"',
  // the module takes no registry credentials: the images come from an ECR mirror
  ...Object.fromEntries(
    Object.entries({ dashboard: "server", scheduler: "scheduler", renderer: "renderer", pirana: "pirana" }).map(([service, image]) => [
      `${service}_image_repository`,
      `"123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/${image}"`,
    ]),
  ),
};

/**
 * Plans a root module calling the application module with `inputs` over the required ones; returns terraform's error
 * with line breaks folded (it wraps long messages), after checking the step that failed (`validate` runs the rules on
 * one input, `plan` the rules across inputs).
 */
async function failingPlan(dir: string, inputs: Readonly<Record<string, string>>, step: "validate" | "plan" = "validate"): Promise<string> {
  const arguments_ = Object.entries({ ...REQUIRED_INPUTS, ...inputs }).map(([k, v]) => `  ${k} = ${v}`);
  const main = `provider "aws" {\n  region = "eu-west-2"\n}\n\nmodule "panintelligence" {\n  source = "../../panintelligence"\n${arguments_.join("\n")}\n}\n`;
  const result = await planModuleRoot(dir, { "main.tf": main });
  expect(result.failure?.step).toBe(step);
  return (result.failure?.message ?? "").replace(/\s+/g, " ");
}

describe("terraform enforces the validations", () => {
  test.runIf(required && !terraform.available)("is required under CI=true", () => {
    expect(terraform.available, "terraform must be installed where CI=true").toBe(true);
  });

  test.runIf(terraform.available)(
    "bad inputs fail the plan with a message that names each input and the rule",
    async () => {
      const message = await failingPlan("examples/bad-inputs", {
        name: '"Bad_Name"',
        account_id: '"12345"',
        tls_policy: '"ELBSecurityPolicy-2016-08"',
        log_retention_days: "2",
        ingress_cidrs_ipv4: '["203.0.113.0/33"]',
      });
      expect(message).toContain("name must start with a letter");
      expect(message).toContain("account_id must match");
      expect(message).toContain("tls_policy must be one of");
      expect(message).toContain("log_retention_days must be one of");
      expect(message).toContain("every element of ingress_cidrs_ipv4 must be an IPv4 CIDR block");
    },
    120_000,
  );

  test.runIf(terraform.available)(
    "rules across inputs (Fargate sizes, the heap inside the task) fail the plan, naming the inputs",
    async () => {
      const message = await failingPlan("examples/bad-sizes", { renderer_memory_mib: "3000", dashboard_tomcat_max_memory_mb: "1900" }, "plan");
      expect(message).toContain("renderer_memory_mib must be a Fargate memory size for renderer_cpu");
      expect(message).toContain("dashboard_tomcat_max_memory_mb must leave at least 512 MiB of dashboard_memory_mib outside the heap");
    },
    120_000,
  );

  test.runIf(terraform.available)(
    "the vendor's private ghcr.io images fail the plan (the module takes no registry credentials), naming each input and the ECR route",
    async () => {
      const message = await failingPlan(
        "examples/bad-images",
        {
          dashboard_image_repository: '"ghcr.io/pi-cr/server"',
          scheduler_image_repository: '"ghcr.io/pi-cr/scheduler"',
          renderer_image_repository: '"ghcr.io/pi-cr/renderer"',
          enable_renderer: "false",
        },
        "validate",
      );
      expect(message).toContain("dashboard_image_repository is on ghcr.io");
      expect(message).toContain("scheduler_image_repository is on ghcr.io");
      expect(message).toContain("docs/runbooks/ecr-mirror.md");
      // a switched-off service's repository is not judged
      expect(message).not.toContain("renderer_image_repository is on ghcr.io");
    },
    120_000,
  );

  test.runIf(terraform.available)(
    "a Service Connect timeout shorter than the load balancer's idle timeout fails the plan, naming both inputs",
    async () => {
      const message = await failingPlan("examples/bad-timeouts", { idle_timeout_seconds: "600", service_connect_per_request_timeout_seconds: "300" }, "plan");
      expect(message).toContain("service_connect_per_request_timeout_seconds must be at least idle_timeout_seconds");
      expect(message).not.toContain("service_connect_idle_timeout_seconds must");
    },
    120_000,
  );
});
