/**
 * The published modules as HCL users meet them: the standard structure, versions without provider or backend, every
 * input typed and described, generated files identical to what the constructs produce today, and a changelog entry
 * for the version the README announces.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { beforeAll, describe, expect, test } from "vitest";
import { moduleDrift } from "../../src/module/cli";
import { MODULES_DIRECTORY, PUBLISHED_MODULES } from "../../src/module/modules";

const root = join(__dirname, "..", "..");
const dirOf = (directory: string) => join(root, MODULES_DIRECTORY, directory);
type Parsed = Record<string, any>;
const parseFile = async (file: string): Promise<Parsed> => (await parse(file, readFileSync(file, "utf8"))) as Parsed;

describe("generated modules are fresh", () => {
  test("the committed files equal what npm run build:modules produces now, and no stale generated file is left", async () => {
    const { differing, stale, expected } = await moduleDrift(root);
    expect(differing, "run npm run build:modules").toEqual([]);
    expect(stale, "run npm run build:modules").toEqual([]);
    expect(expected.size).toBeGreaterThanOrEqual(12);
  }, 60_000);
});

describe.each(PUBLISHED_MODULES)("module $directory", (module) => {
  const dir = dirOf(module.directory);
  let variables: Parsed;
  let outputs: Parsed;
  let main: Parsed;
  let versions: Parsed;
  beforeAll(async () => {
    [variables, outputs, main, versions] = await Promise.all(["variables.tf", "outputs.tf", "main.tf", "versions.tf"].map((f) => parseFile(join(dir, f))));
  });

  test("standard structure: main, variables, outputs, versions, README, CHANGELOG", () => {
    for (const file of ["main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md", "CHANGELOG.md"])
      expect(existsSync(join(dir, file)), file).toBe(true);
  });

  test("versions.tf pins terraform and the AWS provider range; no provider or backend anywhere in the module", () => {
    const terraform = versions.terraform[0];
    expect(terraform.required_version).toBe(">= 1.10.0");
    expect(terraform.required_providers[0].aws).toEqual({ source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" });
    for (const parsed of [variables, outputs, main, versions]) {
      expect(parsed.provider).toBeUndefined();
      expect(JSON.stringify(parsed.terraform ?? {})).not.toContain("backend");
    }
  });

  test("every input is typed and described; every output described", () => {
    const inputs = Object.entries(variables.variable as Record<string, Parsed[]>);
    expect(inputs.map(([name]) => name).sort()).toEqual(module.variables.map((v) => v.name).sort());
    for (const [name, [v]] of inputs) {
      expect(v.type, name).toMatch(/^\$\{(string|number|bool|list\(string\))\}$/);
      expect(String(v.description).length, name).toBeGreaterThan(10);
    }
    for (const [name, [o]] of Object.entries(outputs.output as Record<string, Parsed[]>)) expect(String(o.description).length, name).toBeGreaterThan(10);
  });

  test("optional parts are switched by count on a boolean expression, never by copies", () => {
    const counted = Object.values(main.resource as Record<string, Record<string, Parsed[]>>).flatMap((byName) =>
      Object.values(byName).flatMap(([r]) => (typeof r.count === "string" ? [r.count] : [])),
    );
    for (const s of module.switches)
      expect(
        counted.some((c) => c.includes(s.condition)),
        s.condition,
      ).toBe(true);
  });

  test("the README announces the version of the newest CHANGELOG entry and lists every input and output", () => {
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
    expect(module.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readme.split("\n")[0]).toContain(module.version);
    expect(/^## (\d+\.\d+\.\d+)/m.exec(changelog)?.[1]).toBe(module.version);
    for (const name of [...Object.keys(variables.variable), ...Object.keys(outputs.output)]) expect(readme).toContain(`| ${name} |`);
  });
});

describe("examples", () => {
  const examplesDir = join(root, MODULES_DIRECTORY, "examples");
  const examples = readdirSync(examplesDir).sort();

  test("complete, existing-vpc and minimal exist", () => {
    expect(examples).toEqual(["complete", "existing-vpc", "minimal"]);
  });

  test.each(examples)("%s is a root module: a provider block, and the modules by relative source", async (example) => {
    const main = await parseFile(join(examplesDir, example, "main.tf"));
    expect(main.provider.aws[0].region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    const sources = Object.values(main.module as Record<string, Parsed[]>).map(([m]) => m.source);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^\.\.\/\.\.\/panintelligence(-network)?$/);
  });

  test("complete composes network and application", async () => {
    const main = await parseFile(join(examplesDir, "complete", "main.tf"));
    expect(Object.keys(main.module).sort()).toEqual(["network", "panintelligence"]);
    expect(main.module.panintelligence[0].vpc_id).toBe("${module.network.vpc_id}");
  });
});
