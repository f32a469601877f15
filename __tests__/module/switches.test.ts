/** Merging one synth per switch combination into one module: count on optional resources, conditionals on values. */
import { describe, expect, test } from "vitest";
import { MergeError, combinations, mergeVariants, type Combination, type Switch } from "../../src/module/switches";
import type { TerraformDocument } from "../../src/module/hcl/render";

const switches: Switch[] = [
  { name: "waf", condition: "var.enable_waf" },
  { name: "logs", condition: "var.enable_logs" },
];

/** A tiny stack: an ALB always; a web ACL with WAF; a log group with logs, and a log policy only with both. */
function stack(c: Combination): TerraformDocument {
  return {
    resource: {
      aws_lb: { alb: { name: "alb", tags: { Waf: c.waf ? "on" : "off" }, depends_on: c.logs ? ["aws_cloudwatch_log_group.logs"] : [] } },
      ...(c.waf ? { aws_wafv2_web_acl: { acl: { name: "acl" } } } : {}),
      ...(c.logs ? { aws_cloudwatch_log_group: { logs: { name: "logs" } } } : {}),
      ...(c.waf && c.logs ? { aws_wafv2_web_acl_logging_configuration: { log: { resource_arn: "${aws_wafv2_web_acl.acl.arn}" } } } : {}),
    },
    output: c.waf ? { acl_arn: { value: "${aws_wafv2_web_acl.acl.arn}" } } : {},
  };
}

const merge = (make = stack) =>
  mergeVariants(
    switches,
    combinations(switches).map((combination) => ({ combination, document: make(combination) })),
    () => new Set(),
  );

describe("mergeVariants", () => {
  test("every combination once, all switches on first", () => {
    expect(combinations(switches)).toEqual([
      { waf: true, logs: true },
      { waf: false, logs: true },
      { waf: true, logs: false },
      { waf: false, logs: false },
    ]);
  });

  test("a resource present only under some switches gets count over their conjunction; the others none", () => {
    const merged = merge();
    expect(merged.resource?.aws_lb.alb.count).toBeUndefined();
    expect(merged.resource?.aws_wafv2_web_acl.acl.count).toBe("${var.enable_waf ? 1 : 0}");
    expect(merged.resource?.aws_wafv2_web_acl_logging_configuration.log.count).toBe("${var.enable_waf && var.enable_logs ? 1 : 0}");
  });

  test("references to counted resources are indexed; depends_on keeps the union, unindexed", () => {
    const merged = merge();
    expect(merged.resource?.aws_wafv2_web_acl_logging_configuration.log.resource_arn).toBe("${aws_wafv2_web_acl.acl[0].arn}");
    expect(merged.resource?.aws_lb.alb.depends_on).toEqual(["aws_cloudwatch_log_group.logs"]);
  });

  test("a value that depends on a switch becomes a conditional over it; an output present only with it is null without", () => {
    const merged = merge();
    expect(merged.resource?.aws_lb.alb.tags).toBe('${var.enable_waf ? tomap({"Waf" = "on"}) : tomap({"Waf" = "off"})}');
    expect(merged.output?.acl_arn.value).toBe("${var.enable_waf ? aws_wafv2_web_acl.acl[0].arn : null}");
  });

  test("presence that no conjunction of switches describes is an error, not a guess", () => {
    const either = (c: Combination): TerraformDocument => ({ resource: c.waf || c.logs ? { aws_sns_topic: { t: { name: "t" } } } : {} });
    expect(() => merge(either)).toThrow(MergeError);
  });

  test("a nested block that differs between combinations is an error (it cannot be a conditional)", () => {
    const block = (c: Combination): TerraformDocument => ({ resource: { aws_lb: { alb: { access_logs: { enabled: c.logs } } } } });
    expect(() =>
      mergeVariants(
        switches,
        combinations(switches).map((combination) => ({ combination, document: block(combination) })),
        () => new Set(["access_logs"]),
      ),
    ).toThrow(/nested block/);
  });

  test("a jsonencode document whose list elements come and go is switched in place, not copied per combination", () => {
    const dashboard = (c: Combination): TerraformDocument => ({
      resource: {
        aws_cloudwatch_dashboard: {
          ops: {
            dashboard_body: `\${jsonencode({"widgets" = [${['{"title" = "ALB"}', ...(c.waf ? ['{"title" = aws_wafv2_web_acl.acl.name}'] : []), '{"title" = "DB"}', ...(c.logs ? ['{"title" = "Logs"}'] : [])].join(", ")}]})}`,
          },
        },
      },
    });
    const merged = merge(dashboard);
    expect(merged.resource?.aws_cloudwatch_dashboard.ops.dashboard_body).toBe(
      '${jsonencode({"widgets" = concat([{"title" = "ALB"}], var.enable_waf ? [{"title" = aws_wafv2_web_acl.acl.name}] : [], [{"title" = "DB"}], var.enable_logs ? [{"title" = "Logs"}] : [])})}',
    );
  });
});
