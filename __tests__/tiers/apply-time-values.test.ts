/**
 * Faults only an apply shows (found by the apply rehearsal), kept fixed on the synthesised JSON and the module:
 * - a container environment value must be a JSON string once known (`aws_db_instance.port` is a number);
 * - S3 refuses `PutBucketLogging` until the log bucket's policy grants `logging.s3.amazonaws.com`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { resourcesOf, synthEnvironment, type TerraformJson } from "../support/synth";

/** Every `{"name" = "X", "value" = <expression>}` pair of the container definitions' environment lists. */
function environmentValues(containerDefinitions: string): Array<[string, string]> {
  return [...containerDefinitions.matchAll(/\{"name" = "([A-Z_0-9]+)", "value" = ((?:"(?:[^"\\]|\\.)*")|(?:[^{}]|\{[^{}]*\})*?)\}/g)].map((m) => [m[1], m[2]]);
}

describe("container environment values are strings at apply time", () => {
  let json: TerraformJson;
  beforeAll(() => {
    json = synthEnvironment({ compute: { pirana: { enabled: true } } }).json;
  });

  test("PI_DB_PORT is tostring() of the database's port", () => {
    const [, dashboard] = resourcesOf(json, "aws_ecs_task_definition").find(([name]) => name.includes("dashboard")) ?? [];
    const port = environmentValues(dashboard?.container_definitions).find(([name]) => name === "PI_DB_PORT");
    expect(port?.[1]).toMatch(/^tostring\(aws_db_instance\.\w+\.port\)$/);
  });

  test("every value of every container is a literal string or a tostring() expression", () => {
    const values = resourcesOf(json, "aws_ecs_task_definition").flatMap(([, td]) => environmentValues(td.container_definitions));
    expect(values.length).toBeGreaterThan(10);
    const notStrings = values.filter(([, value]) => !/^"/.test(value) && !/^tostring\(/.test(value));
    expect(notStrings).toEqual([]);
  });

  test("the published module converts the same values", () => {
    const main = readFileSync(join(__dirname, "..", "..", "terraform-modules", "panintelligence", "main.tf"), "utf8");
    expect(main).toMatch(/"name" = "PI_DB_PORT", "value" = tostring\(aws_db_instance\.\w+\.port\)/);
    expect(main).not.toMatch(/"name" = "PI_DB_PORT", "value" = aws_db_instance/);
  });
});

describe("S3 server access logging waits for the log bucket's grant", () => {
  test("aws_s3_bucket_logging depends on the access-log bucket's policy", () => {
    const { json } = synthEnvironment();
    const [[, logging]] = resourcesOf(json, "aws_s3_bucket_logging");
    const [[policyName]] = resourcesOf(json, "aws_s3_bucket_policy").filter(([name]) => name.startsWith("edge_access_logs"));
    expect(logging.depends_on).toContain(`aws_s3_bucket_policy.${policyName}`);
  });

  test("the published module's logging resource depends on the log bucket policy", () => {
    const main = readFileSync(join(__dirname, "..", "..", "terraform-modules", "panintelligence", "main.tf"), "utf8");
    const block = /resource "aws_s3_bucket_logging" "[\w]+" \{[\s\S]*?\n\}/.exec(main)?.[0] ?? "";
    expect(block).toMatch(/depends_on\s*=\s*\[[^\]]*aws_s3_bucket_policy\.edge_access_logs_policy/);
  });
});
