// Waivers turn FAIL/UNKNOWN into WAIVED with a reason; they never make anything pass.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/policy/engine";
import { loadSynthJson } from "../../src/policy/load-synth";
import type { Waiver } from "../../src/policy/model";

const stack = () =>
  loadSynthJson({
    resource: {
      aws_db_instance: {
        open: { engine: "mariadb", username: "dashboard", storage_encrypted: false },
        other: { engine: "mariadb", username: "dashboard", storage_encrypted: false },
        good: { engine: "mariadb", username: "dashboard", storage_encrypted: true },
      },
      aws_subnet: {
        inline: { map_public_ip_on_launch: true, "//": { pi: { skip: [{ id: "PI-NET-003", reason: "NAT instance subnet, reviewed in SEC-42" }] } } },
      },
    },
  });

const statuses = (waivers: readonly Waiver[] = []) => {
  const report = evaluate(stack(), { only: ["PI-RDS-001", "PI-NET-003"], waivers });
  return Object.fromEntries(report.rules.flatMap((r) => r.results.map((x) => [`${r.rule.id} ${x.address}`, x])));
};

describe("waivers", () => {
  it("a rule-wide waiver marks every failing resource WAIVED with its reason, and the rule is not counted as passing", () => {
    const report = evaluate(stack(), { only: ["PI-RDS-001"], waivers: [{ rule: "PI-RDS-001", reason: "dev stack, throwaway data" }] });
    const results = report.rules[0].results;
    expect(results.map((r) => [r.address, r.status])).toEqual([
      ["aws_db_instance.open", "WAIVED"],
      ["aws_db_instance.other", "WAIVED"],
      ["aws_db_instance.good", "PASS"],
    ]);
    expect(results[0].waiver).toEqual({ source: "config", reason: "dev stack, throwaway data", ref: "waiver[0]" });
    expect(report.rules[0].status).toBe("WAIVED");
    expect(report.summary).toMatchObject({ applicable: 1, passed: 0, waived: 1, failed: 0, highCriticalFailures: 0 });
  });

  it("a resource-scoped waiver waives only that resource", () => {
    const s = statuses([{ rule: "PI-RDS-001", resource: "aws_db_instance.open", reason: "migrating, ticket PI-7" }]);
    expect(s["PI-RDS-001 aws_db_instance.open"].status).toBe("WAIVED");
    expect(s["PI-RDS-001 aws_db_instance.other"].status).toBe("FAIL");
    expect(s["PI-RDS-001 aws_db_instance.good"].status).toBe("PASS");
  });

  it('an in-resource "//".pi.skip suppression waives that rule on that resource', () => {
    const s = statuses();
    expect(s["PI-NET-003 aws_subnet.inline"]).toMatchObject({
      status: "WAIVED",
      waived: "FAIL",
      waiver: { source: "inline", reason: "NAT instance subnet, reviewed in SEC-42" },
    });
  });

  it("a waiver without a reason is an error naming the waiver's index", () => {
    const bad = [
      { rule: "PI-RDS-001", reason: "ok, documented" },
      { rule: "PI-RDS-002", reason: "  " },
    ] as Waiver[];
    expect(() => evaluate(stack(), { waivers: bad })).toThrow(/waiver\[1\] \(PI-RDS-002\): a waiver needs a non-empty "reason"/);
    expect(() => evaluate(stack(), { waivers: [{ rule: "PI-RDS-001" } as Waiver] })).toThrow(/waiver\[0\]/);
  });

  it("a waiver naming an unknown rule is an error", () => {
    expect(() => evaluate(stack(), { waivers: [{ rule: "PI-XXX-001", reason: "typo" }] })).toThrow(/waiver\[0\].*PI-XXX-001/);
  });

  it("an in-resource suppression without a reason is an error naming the resource", () => {
    const s = loadSynthJson({ resource: { aws_subnet: { x: { "//": { pi: { skip: [{ id: "PI-NET-003" }] } } } } } });
    expect(() => evaluate(s)).toThrow(/aws_subnet\.x: "\/\/"\.pi\.skip\[0\] needs a rule id and a non-empty reason/);
  });

  it("the built-in HTTP→HTTPS redirect waiver covers any rule that flags the redirect listener, and nothing else", () => {
    const listeners = loadSynthJson({
      resource: {
        aws_lb_listener: {
          redirect: { port: 80, protocol: "HTTP", default_action: { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } } },
          forward: { port: 80, protocol: "HTTP", default_action: { type: "forward" } },
        },
      },
    });
    const flagAll = {
      ...evaluate(listeners, { only: ["PI-ALB-001"] }).rules[0].rule,
      id: "PI-ALB-001",
      check: () => ({ status: "FAIL" as const, message: "no port 80" }),
    };
    const report = evaluate(listeners, { rules: [flagAll] });
    expect(report.rules[0].results.map((r) => [r.address, r.status, r.waiver?.ref])).toEqual([
      ["aws_lb_listener.redirect", "WAIVED", "http-to-https-redirect"],
      ["aws_lb_listener.forward", "FAIL", undefined],
    ]);
  });

  it("a waiver does not touch a passing resource", () => {
    const s = statuses([{ rule: "PI-RDS-001", resource: "aws_db_instance.good", reason: "belt and braces" }]);
    expect(s["PI-RDS-001 aws_db_instance.good"].status).toBe("PASS");
  });
});
