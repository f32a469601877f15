// One fixture per wrong verdict found in issue 17, each read from HCL as a user would write it.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { parseTerraformFile, stackFromTerraform } from "../../src/policy/load-hcl";
import type { ResultStatus } from "../../src/policy/model";

async function verdicts(hcl: string, rule: string): Promise<Record<string, ResultStatus>> {
  const stack = stackFromTerraform([await parseTerraformFile("main.tf", hcl)], "fixture");
  const report = evaluate(stack, { only: [rule], builtinWaivers: [] });
  return Object.fromEntries(report.rules[0].results.map((r) => [r.address, r.status]));
}

describe("wrong verdicts of issue 17", () => {
  it("operator precedence: 10 - 2 * 2 is 6 days, which PI-RDS-004 fails", async () => {
    const hcl = `
locals { retention_days = 10 - 2 * 2 }
resource "aws_db_instance" "db" {
  engine                  = "mariadb"
  instance_class          = "db.t4g.micro"
  backup_retention_period = local.retention_days
}`;
    expect(await verdicts(hcl, "PI-RDS-004")).toEqual({ "aws_db_instance.db": "FAIL" });
    expect(await verdicts(hcl.replace("10 - 2 * 2", "(10 - 2) * 2"), "PI-RDS-004")).toEqual({ "aws_db_instance.db": "PASS" });
  });

  const albs = (association: string) => `
resource "aws_lb" "this" {
  for_each           = toset(["alpha", "beta"])
  name               = each.key
  load_balancer_type = "application"
  internal           = false
}
resource "aws_wafv2_web_acl" "acl" {
  name  = "acl"
  scope = "REGIONAL"
}
resource "aws_wafv2_web_acl_association" "beta" {
  resource_arn = ${association}
  web_acl_arn  = aws_wafv2_web_acl.acl.arn
}
variable "which" { type = string }`;

  it('keyed instances: a WAF association on this["beta"] protects beta, not alpha (never the first instance)', async () => {
    expect(await verdicts(albs('aws_lb.this["beta"].arn'), "PI-WAF-001")).toEqual({
      'aws_lb.this["alpha"]': "FAIL",
      'aws_lb.this["beta"]': "PASS",
    });
  });

  it("keyed instances: an index the engine cannot evaluate leaves both instances UNKNOWN", async () => {
    expect(await verdicts(albs("aws_lb.this[var.which].arn"), "PI-WAF-001")).toEqual({
      'aws_lb.this["alpha"]': "UNKNOWN",
      'aws_lb.this["beta"]': "UNKNOWN",
    });
  });

  it('keyed instances with a key that is not a name: this["a-b"] keeps its key', async () => {
    const hcl = `
resource "aws_s3_bucket" "this" {
  for_each = toset(["a-b", "c"])
  bucket   = "pi-\${each.key}"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.this["a-b"].id
  versioning_configuration { status = "Enabled" }
}`;
    expect(await verdicts(hcl, "PI-S3-004")).toEqual({ 'aws_s3_bucket.this["a-b"]': "PASS", 'aws_s3_bucket.this["c"]': "FAIL" });
  });
});
