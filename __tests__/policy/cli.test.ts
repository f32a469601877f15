// The CLI: inputs by file or directory, formats, --out, --waivers, and exit codes 0 / 1 / 2.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/policy/cli";

const FIXTURES = path.join(__dirname, "fixtures");
let dir: string;
let out: string[];
let err: string[];

const stack = (name: string, doc: object): string => {
  const file = path.join(dir, "cdktf.out", "stacks", name, "cdk.tf.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
};
const clean = { resource: { aws_cloudwatch_log_group: { app: { name: "/ecs/pi", retention_in_days: 90 } } } };
const critical = { resource: { aws_db_instance: { db: { publicly_accessible: true } } } };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-cli-"));
  out = [];
  err = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out.push(String(s));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err.push(String(s));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("policy CLI", () => {
  it("exits 0 when nothing HIGH or CRITICAL fails, and prints the text report", async () => {
    expect(await main([stack("dev", clean)])).toBe(0);
    expect(out.join("")).toContain("stack dev (synth");
    expect(out.join("")).toContain("policy: 1/1 rules pass, 0 high/critical failures, 0 waived");
  });

  it("exits 1 on an unwaived CRITICAL failure, 0 once it is waived from a --waivers file", async () => {
    const file = stack("prod", critical);
    expect(await main([file])).toBe(1);
    const waivers = path.join(dir, "waivers.json");
    fs.writeFileSync(waivers, JSON.stringify([{ rule: "PI-RDS-002", resource: "aws_db_instance.db", reason: "bastion-less lab, deleted nightly" }]));
    expect(await main([file, "--waivers", waivers])).toBe(1); // other HIGH rules on the instance still fail
    const onlyCritical = stack("one", { resource: { aws_subnet: { s: {} }, aws_lambda_permission: { p: { principal: "*" } } } });
    fs.writeFileSync(waivers, JSON.stringify([{ rule: "PI-LAM-004", reason: "public webhook by design" }]));
    expect(await main([onlyCritical, "--waivers", waivers])).toBe(0);
  });

  it("applies the waivers synth left beside a stack (policy-waivers.json), so it agrees with the synth summary", async () => {
    const file = stack("webhook", { resource: { aws_subnet: { s: {} }, aws_lambda_permission: { p: { principal: "*" } } } });
    expect(await main([file])).toBe(1);
    fs.writeFileSync(path.join(path.dirname(file), "policy-waivers.json"), JSON.stringify([{ rule: "PI-LAM-004", reason: "public webhook by design" }]));
    out = [];
    expect(await main([file])).toBe(0);
    expect(out.join("")).toContain("1 waived");
  });

  it("scans every cdk.tf.json under a directory and writes --format sarif to --out", async () => {
    stack("a", clean);
    stack("b", critical);
    const sarif = path.join(dir, "policy.sarif");
    expect(await main([path.join(dir, "cdktf.out"), "--format", "sarif", "--out", sarif])).toBe(1);
    const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
    expect(log.version).toBe("2.1.0");
    expect(out.join("")).toMatch(/^policy: .* over 2 stacks/);
  });

  it("reads a plan JSON file, told apart by shape", async () => {
    const plan = path.join(dir, "plan.json");
    fs.writeFileSync(
      plan,
      JSON.stringify({
        format_version: "1.2",
        planned_values: {
          root_module: {
            resources: [{ address: "aws_db_instance.db", mode: "managed", type: "aws_db_instance", name: "db", values: { publicly_accessible: true } }],
          },
        },
      }),
    );
    expect(await main([plan, "--format", "json"])).toBe(1);
    expect(JSON.parse(out.join("")).stacks[0]).toMatchObject({ stack: "plan", kind: "plan" });
  });

  it.each([
    [["missing.json"], /missing\.json: no such file/],
    [["--format", "html", path.join(FIXTURES, "PI-RDS-001", "pass.tf.json")], /--format html/],
  ])("exits 2 on bad input %#", async (args, message) => {
    expect(await main(args as string[])).toBe(2);
    expect(err.join("")).toMatch(message);
  });

  it("exits 2 naming the file for JSON that is neither a stack nor a plan, and for a bad waiver", async () => {
    const bogus = path.join(dir, "bogus.json");
    fs.writeFileSync(bogus, JSON.stringify({ hello: "world" }));
    expect(await main([bogus])).toBe(2);
    expect(err.join("")).toContain(`${bogus}: neither a synthesised cdk.tf.json`);
    const waivers = path.join(dir, "w.json");
    fs.writeFileSync(waivers, JSON.stringify([{ rule: "PI-RDS-002" }]));
    expect(await main([stack("x", clean), "--waivers", waivers])).toBe(2);
    expect(err.join("")).toMatch(/cdk\.tf\.json: waiver\[0\] \(PI-RDS-002\): a waiver needs a non-empty "reason"/);
  });
});

describe("policy CLI on Terraform configurations", () => {
  const MODULE = path.join(__dirname, "hcl", "module");
  const BROKEN = path.join(__dirname, "hcl", "broken");

  it("scans a directory of .tf files as one root module, reported as kind hcl", async () => {
    expect(await main([MODULE, "--format", "json"])).toBe(1); // the module allows Action "*" (PI-IAM-001, CRITICAL)
    const report = JSON.parse(out.join(""));
    expect(report.stacks).toHaveLength(1);
    expect(report.stacks[0]).toMatchObject({ stack: "module", kind: "hcl", path: MODULE });
    const addresses = report.stacks[0].rules.flatMap((r: { results: { address: string }[] }) => r.results.map((x) => x.address));
    expect(addresses).toEqual(expect.arrayContaining(['aws_s3_bucket.data["uploads"]', "aws_subnet.private[1]", "aws_efs_file_system.repo"]));
  });

  it("finds module directories under a tree that holds no cdk.tf.json", async () => {
    const tree = path.join(dir, "terraform-modules");
    for (const name of ["a", "b"]) {
      fs.mkdirSync(path.join(tree, name, "modules", "child"), { recursive: true });
      fs.writeFileSync(path.join(tree, name, "main.tf"), 'resource "aws_cloudwatch_log_group" "app" {\n  retention_in_days = 90\n}\n');
      // a module's own subdirectories are its child modules, not further roots
      fs.writeFileSync(path.join(tree, name, "modules", "child", "main.tf"), 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n');
    }
    expect(await main([tree])).toBe(0);
    expect(out.join("")).toMatch(/policy: 2\/2 rules pass over 2 stacks/);
  });

  it("exits 2 on HCL the parser rejects, naming the file, line and column with the parser's message", async () => {
    expect(await main([BROKEN])).toBe(2);
    expect(err.join("")).toContain(`${path.join(BROKEN, "main.tf")}:6:16: Missing newline after argument`);
  });
});
