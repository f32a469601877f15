import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { expectedConfigDocs, SCHEMA_FILE } from "../../src/config/generated-docs";

const root = join(__dirname, "..", "..");

describe("generated config docs", () => {
  test.each(Object.keys(expectedConfigDocs(root)))("%s is up to date (run `npm run docs:config`)", (file) => {
    expect(readFileSync(join(root, file), "utf8")).toBe(expectedConfigDocs(root)[file]);
  });

  test("the JSON Schema accepts every example and rejects a misspelt key", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, SCHEMA_FILE), "utf8")));
    for (const example of ["production", "two-environments", "existing-vpc"]) {
      const document = parse(readFileSync(join(root, "examples", `${example}.yaml`), "utf8"));
      expect(validate(document), `${example}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ environments: { prod: { region: "eu-west-1", accountId: "123456789012", netwrok: {} } } })).toBe(false);
  });

  test("the README reference documents every environment setting with its default", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain('| `network (mode: create).natGateways` | `"single"` \\| `"perAz"` |  | `"single"` |');
    expect(readme).toContain("| `logs.retentionDays` |");
  });
});
