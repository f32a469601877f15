/** Terraform JSON → HCL: expressions, templates, blocks by schema, meta-arguments; checked by parsing the result back. */
import { parse } from "@cdktf/hcl2json";
import { describe, expect, test } from "vitest";
import { HclRenderError, expression, literal, renderMain, renderOutputs, renderVariables, template } from "../../src/module/hcl/render";
import type { ProviderBlocks } from "../../src/module/hcl/provider-blocks";
import { inlineExpression } from "../../src/module/inline-expression";

const blocks: ProviderBlocks = {
  resource: { aws_lb_listener: { default_action: { nesting: "list", blocks: { redirect: { nesting: "list" } } } } },
  data: {},
};

describe("templates and expressions", () => {
  test("a template that is one interpolation becomes a bare expression (no deprecated interpolation-only string)", () => {
    expect(template("${aws_vpc.main.id}")).toBe("aws_vpc.main.id");
    expect(template('${jsonencode({"a" = "b"})}')).toBe('jsonencode({"a" = "b"})');
  });
  test("mixed templates keep their interpolations and escape only the literal text", () => {
    expect(template('say "hi" to ${var.name}\n')).toBe('"say \\"hi\\" to ${var.name}\\n"');
    expect(template("cost: $${literal}")).toBe('"cost: $${literal}"');
    expect(template('${var.a}-${lookup(var.m, "k")}')).toBe('"${var.a}-${lookup(var.m, "k")}"');
  });
  test("literal context (variable defaults) escapes ${ so it is not evaluated", () => {
    expect(literal("a ${b}")).toBe('"a $${b}"');
    expect(literal({ "aws:SourceAccount": [1, true, null], "dash-ok": 2 })).toBe('{\n  "aws:SourceAccount" = [1, true, null]\n  dash-ok = 2\n}');
  });
  test("objects and long tuples go multi-line; keywords as keys are quoted", () => {
    expect(expression({ Name: "x", true: 1 })).toBe('{\n  Name = "x"\n  "true" = 1\n}');
    expect(expression(Array.from({ length: 12 }, (_, i) => `subnet-0000000${i}`))).toContain("\n");
  });
  test("inline branches keep parentheses only where an operator needs them", () => {
    expect(inlineExpression("${var.region}")).toBe("var.region");
    expect(inlineExpression('${tostring(lookup(var.m, "k"))}')).toBe('tostring(lookup(var.m, "k"))');
    expect(inlineExpression("${var.on ? 1 : 0}")).toBe("(var.on ? 1 : 0)");
    expect(inlineExpression("${f(a) + g(b)}")).toBe("(f(a) + g(b))");
    expect(inlineExpression(["a", "${var.b}"])).toBe('tolist(["a", var.b])');
  });

  test("an expression spanning lines cannot go into a quoted template: a clear error", () => {
    expect(() => template("${a +\nb}")).toThrow(HclRenderError);
  });
});

describe("documents", () => {
  const doc = {
    variable: { name: { type: "string", description: "Prefix", validation: [{ condition: "${length(var.name) < 10}", error_message: "short" }] } },
    resource: {
      aws_lb_listener: {
        http: {
          "//": { metadata: "dropped" },
          count: "${var.on ? 1 : 0}",
          port: 80,
          tags: { Name: "${var.name}-http" },
          default_action: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } }],
          lifecycle: { create_before_destroy: true, ignore_changes: ["tags"] },
          depends_on: ["aws_lb.main"],
        },
      },
    },
    output: { arn: { value: "${aws_lb_listener.http[0].arn}", description: "ARN" } },
  };

  test("schema-known keys become nested blocks, the rest arguments; meta-arguments first and last", async () => {
    const hcl = renderMain(doc, blocks);
    expect(hcl).toContain("  count = var.on ? 1 : 0");
    expect(hcl).toMatch(/default_action \{[\s\S]*redirect \{[\s\S]*status_code = "HTTP_301"/);
    expect(hcl).toContain("tags = {");
    expect(hcl).not.toContain("//");
    expect(hcl.indexOf("count")).toBeLessThan(hcl.indexOf("port"));
    expect(hcl.indexOf("lifecycle")).toBeGreaterThan(hcl.indexOf("default_action"));
    expect(hcl).toMatch(/ignore_changes\s*=\s*\[tags\]/);
    expect(hcl).toContain("depends_on = [aws_lb.main]");
    const parsed = (await parse("main.tf", hcl)) as { resource: { aws_lb_listener: { http: Array<Record<string, any>> } } };
    const listener = parsed.resource.aws_lb_listener.http[0];
    expect(listener.port).toBe(80);
    expect(listener.tags).toEqual({ Name: "${var.name}-http" });
    expect(listener.default_action[0].redirect[0].status_code).toBe("HTTP_301");
  });

  test("variables and outputs parse back with their types, validations and values", async () => {
    const variables = (await parse("variables.tf", renderVariables(doc))) as { variable: { name: Array<Record<string, any>> } };
    expect(variables.variable.name[0].type).toBe("${string}");
    expect(variables.variable.name[0].validation[0].condition).toBe("${length(var.name) < 10}");
    const outputs = (await parse("outputs.tf", renderOutputs(doc))) as { output: { arn: Array<Record<string, any>> } };
    expect(outputs.output.arn[0].value).toBe("${aws_lb_listener.http[0].arn}");
  });
});
