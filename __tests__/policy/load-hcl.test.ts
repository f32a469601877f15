// Terraform configurations (HCL and .tf.json) read into the engine's model: instances, variables, locals, dynamic
// blocks, parse errors; and the same verdicts as the equivalent synthesised JSON.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { substituteString } from "../../src/hcl/substitute";
import { loadStack } from "../../src/policy/load";
import { HclParseError, loadTerraformDirectory, parseTerraformFile, stackFromTerraform } from "../../src/policy/load-hcl";
import { loadSynthJson } from "../../src/policy/load-synth";
import type { LoadedStack, Value } from "../../src/policy/model";

const MODULE = path.join(__dirname, "hcl", "module");
const BROKEN = path.join(__dirname, "hcl", "broken");

const bodyOf = (stack: LoadedStack, address: string): Record<string, unknown> => {
  const r = stack.resources.find((x) => x.address === address);
  if (!r) throw new Error(`${address} not loaded; have ${stack.resources.map((x) => x.address).join(", ")}`);
  return r.body as Record<string, unknown>;
};

/** Parses HCL given as text (one file per entry) in a temporary module directory. */
async function hcl(files: Record<string, string>): Promise<LoadedStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-hcl-"));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return await loadTerraformDirectory(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("loading a Terraform directory", () => {
  it("merges every .tf and .tf.json file of the directory into one stack of kind hcl", async () => {
    const stack = await loadTerraformDirectory(MODULE);
    expect(stack).toMatchObject({ name: "module", kind: "hcl", path: MODULE });
    expect(stack.resources.map((r) => r.address).sort()).toEqual(
      [
        "aws_cloudwatch_log_group.app",
        "aws_cloudwatch_log_group.audit",
        "aws_efs_file_system.repo",
        'aws_s3_bucket.data["config"]',
        'aws_s3_bucket.data["uploads"]',
        'aws_s3_bucket_versioning.data["config"]',
        'aws_s3_bucket_versioning.data["uploads"]',
        "aws_security_group.app",
        "aws_subnet.private[0]",
        "aws_subnet.private[1]",
        "aws_vpc.main",
        "data.aws_iam_policy_document.admin",
      ].sort(),
    );
    // the .tf.json file's variable default resolves in its resource
    expect(bodyOf(stack, "aws_efs_file_system.repo").encrypted).toBe(true);
  });

  it("addresses for_each instances by key and count instances by index, with each.* and count.index substituted", async () => {
    const stack = await loadTerraformDirectory(MODULE);
    expect(bodyOf(stack, 'aws_s3_bucket.data["uploads"]').bucket).toBe("pi-dev-uploads");
    expect(bodyOf(stack, "aws_subnet.private[1]")).toMatchObject({ availability_zone: "eu-west-2b", cidr_block: "10.0.1.0/24" });
    // for_each over another resource's instances: same keys, references pinned to the instance
    expect(bodyOf(stack, 'aws_s3_bucket_versioning.data["config"]').bucket).toBe('${aws_s3_bucket.data["config"].id}');
  });

  it("expands dynamic blocks from a literal for_each, after the static blocks of the same name", async () => {
    const stack = await loadTerraformDirectory(MODULE);
    expect(bodyOf(stack, "aws_security_group.app").ingress).toEqual([
      { description: "ssh from anywhere", protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] },
      { description: "https", protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] },
    ]);
    const mixed = await hcl({
      "main.tf": `
resource "aws_security_group" "sg" {
  ingress {
    from_port = 443
    to_port   = 443
  }
  dynamic "ingress" {
    for_each = var.unknown_ports
    iterator = port
    content {
      from_port = port.value
      to_port   = port.value
    }
  }
}`,
    });
    // an unresolved for_each keeps the content once, its iterator references unresolved (rules read them as unknown)
    expect(bodyOf(mixed, "aws_security_group.sg").ingress).toEqual([
      { from_port: 443, to_port: 443 },
      { from_port: "${port.value}", to_port: "${port.value}" },
    ]);
  });

  it("resolves variables with a literal default and locals; a variable without one stays an expression, so rules say UNKNOWN", async () => {
    const stack = await loadTerraformDirectory(MODULE);
    expect(bodyOf(stack, "aws_cloudwatch_log_group.app")).toEqual({ name: "/ecs/pi-dev", retention_in_days: 7 });
    expect(bodyOf(stack, "aws_cloudwatch_log_group.audit").retention_in_days).toBe("${var.audit_retention}");
    const report = evaluate(stack, { only: ["PI-LOG-001"] });
    expect(report.rules[0].results.map((r) => [r.address, r.status])).toEqual([
      ["aws_cloudwatch_log_group.app", "FAIL"],
      ["aws_cloudwatch_log_group.audit", "UNKNOWN"],
    ]);
  });

  it("keeps a block without an evaluable count or for_each as one unindexed resource", async () => {
    const stack = await hcl({
      "main.tf": `
resource "aws_subnet" "a" {
  count = var.n
  cidr_block = "10.0.\${count.index}.0/24"
}
resource "aws_s3_bucket" "b" {
  for_each = var.names
  bucket = each.key
}
resource "aws_s3_bucket" "none" {
  count = 0
}`,
    });
    expect(stack.resources.map((r) => r.address).sort()).toEqual(["aws_s3_bucket.b", "aws_subnet.a"]);
    expect(bodyOf(stack, "aws_subnet.a").cidr_block).toBe("10.0.${count.index}.0/24");
    expect(bodyOf(stack, "aws_s3_bucket.b").bucket).toBe("${each.key}");
  });

  it("keeps the first of two blocks with the same address, as checkov reports it once", async () => {
    const stack = await hcl({
      "a.tf": 'resource "aws_s3_bucket" "x" {\n  bucket = "first"\n}\n',
      "b.tf": 'resource "aws_s3_bucket" "x" {\n  bucket = "second"\n}\n',
    });
    expect(stack.resources).toHaveLength(1);
    expect(bodyOf(stack, "aws_s3_bucket.x").bucket).toBe("first");
  });

  it("loads a single .tf file, and tells synthesised JSON, plans and configurations apart (loadStack)", async () => {
    const file = await loadStack(path.join(MODULE, "main.tf"));
    expect(file).toMatchObject({ name: "main", kind: "hcl" });
    const synth = await loadStack(path.join(__dirname, "fixtures", "PI-RDS-001", "pass.tf.json"));
    expect(synth.kind).toBe("synth");
    await expect(loadStack(path.join(__dirname, "no-such-dir"))).rejects.toThrow(/no such file or directory/);
  });
});

describe("HCL parse errors", () => {
  it("name the file, line and column and quote the parser", async () => {
    const error = await loadTerraformDirectory(BROKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HclParseError);
    expect((error as HclParseError).diagnostics).toEqual([
      { file: path.join(BROKEN, "main.tf"), line: 6, column: 16, message: "Missing newline after argument; An argument definition must end with a newline." },
    ]);
  });

  it("report every rejected file of a module, each diagnostic on its own line", async () => {
    const error = await hcl({
      "a.tf": 'resource "x_y" "z" {\n  a = 1 b = 2\n}\n',
      "b.tf": 'resource "x_y" "w" {\n  a = 1\n  a = 2\n}\n',
      "ok.tf": 'resource "x_y" "v" {}\n',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HclParseError);
    const lines = (error as HclParseError).message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/a\.tf:2:9: Missing newline after argument/);
    expect(lines[1]).toMatch(/b\.tf:3:3: Attribute redefined/);
  });

  it("are input errors for loadStack, with the parser's message", async () => {
    await expect(loadStack(BROKEN)).rejects.toThrow(/cannot parse Terraform configuration:\n.*main\.tf:6:16: Missing newline after argument/);
  });
});

describe("HCL and synthesised JSON give the same verdicts", () => {
  it("for the same resources written either way", async () => {
    const fromHcl = await hcl({
      "main.tf": `
variable "days" {
  default = 90
}
resource "aws_s3_bucket" "uploads" {
  bucket = "pi-uploads"
}
resource "aws_s3_bucket_versioning" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    bucket_key_enabled = true
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}
resource "aws_kms_key" "data" {
  enable_key_rotation = true
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" }]
  })
}
resource "aws_cloudwatch_log_group" "app" {
  retention_in_days = var.days
}
resource "aws_security_group" "app" {
  description = "app"
  ingress {
    description = "ssh"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}`,
    });
    const fromSynth = loadSynthJson(
      {
        resource: {
          aws_s3_bucket: { uploads: { bucket: "pi-uploads" } },
          aws_s3_bucket_versioning: { uploads: { bucket: "${aws_s3_bucket.uploads.id}", versioning_configuration: { status: "Enabled" } } },
          aws_s3_bucket_server_side_encryption_configuration: {
            uploads: {
              bucket: "${aws_s3_bucket.uploads.id}",
              rule: [
                {
                  bucket_key_enabled: true,
                  apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "${aws_kms_key.data.arn}" },
                },
              ],
            },
          },
          aws_kms_key: {
            data: {
              enable_key_rotation: true,
              policy:
                '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Principal" = {"AWS" = "arn:aws:iam::123456789012:root"}, "Action" = "kms:*", "Resource" = "*"}]})}',
            },
          },
          aws_cloudwatch_log_group: { app: { retention_in_days: 90 } },
          aws_security_group: {
            app: { description: "app", ingress: [{ description: "ssh", protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] }] },
          },
        },
      },
      "synth",
    );
    const verdicts = (stack: LoadedStack): string[] =>
      evaluate(stack, { enable: ["PI-KMS-002"] }).rules.flatMap((r) => r.results.map((x) => `${r.rule.id} ${x.address} ${x.status}`));
    const hclVerdicts = verdicts(fromHcl);
    expect(hclVerdicts).toEqual(verdicts(fromSynth));
    // and they are real verdicts, not all passes
    expect(hclVerdicts).toEqual(
      expect.arrayContaining([
        "PI-NET-006 aws_security_group.app FAIL",
        "PI-LOG-001 aws_cloudwatch_log_group.app PASS",
        "PI-S3-004 aws_s3_bucket.uploads PASS",
      ]),
    );
  });

  it("read Terraform JSON syntax (.tf.json) through the same evaluation", async () => {
    const stack = stackFromTerraform(
      [
        {
          variable: { n: { default: 2 } },
          resource: { aws_subnet: { a: { count: "${var.n}", cidr_block: "10.0.${count.index}.0/24" } } },
        },
      ],
      "json",
    );
    expect(stack.resources.map((r) => [r.address, (r.body as Record<string, unknown>).cidr_block])).toEqual([
      ["aws_subnet.a[0]", "10.0.0.0/24"],
      ["aws_subnet.a[1]", "10.0.1.0/24"],
    ]);
    expect(await parseTerraformFile("x.tf.json", '{"resource": {}}')).toEqual({ resource: {} });
  });
});

describe("expression evaluation against a scope", () => {
  const scope = new Map<string, Value>([
    ["var", { region: "eu-west-2", ports: [22, 443], cfg: { on: true } }],
    ["local", { bucket: "${aws_s3_bucket.b}" }],
    ["each", { key: "k", value: { id: 7 } }],
  ]);

  it.each([
    ["${var.region}", "eu-west-2"],
    ["arn:aws:s3:::${var.region}-logs/*", "arn:aws:s3:::eu-west-2-logs/*"],
    ["${var.ports[1]}", 443],
    ["${length(var.ports)}", 2],
    ['${toset(["a", "a", "b"])}', ["a", "b"]],
    ['${var.cfg.on ? "yes" : "no"}', "yes"],
    ["${each.value.id + 1}", 8],
    ["${local.bucket.arn}", "${aws_s3_bucket.b.arn}"],
    ["${aws_s3_bucket.x[each.key].id}", '${aws_s3_bucket.x["k"].id}'],
    ["${var.missing}", "${var.missing}"],
    ['${var.region == "eu-west-2" ? var.missing : "x"}', "${var.missing}"],
    ["${upper(var.missing)}", "${upper(var.missing)}"],
    ["$${literal}", "$${literal}"],
    // a switch with a literal default picks its branch even when the branch is not literal (a module's count/values)
    ['${var.cfg.on ? (var.cfg.on ? (jsonencode({"a" = aws_s3_bucket.b.arn})) : null) : (aws_s3_bucket.c.arn)}', '{"a":"${aws_s3_bucket.b.arn}"}'],
    // functions that only rearrange collections apply to collections of references too
    ["${concat([aws_s3_bucket.b.arn], var.cfg.on ? [aws_s3_bucket.c.arn] : [])}", ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.c.arn}"]],
    // unary operators bind tighter than the conditional (HCL precedence): the condition is false
    ["${!var.cfg.on ? aws_s3_bucket.b.arn : aws_s3_bucket.c.arn}", "${aws_s3_bucket.c.arn}"],
    // * binds tighter than -
    ["${10 - 2 * 2}", 6],
    ["${var.ports[0] - 2 * 10 % 3}", 20],
    ["${var.ports[1] > 400 && !(var.ports[0] == 22)}", false],
    // \U escapes (8 hex digits) and nested indexes
    ['${"\\U0001F600"}', "\u{1F600}"],
    ["${var.ports[var.ports[0] - 22]}", 22],
    ["${aws_s3_bucket.x[var.ports[0]].id}", "${aws_s3_bucket.x[22].id}"],
  ] as const)("%s → %j", (input, expected) => {
    expect(substituteString(input, scope)).toEqual(expected);
  });
});
