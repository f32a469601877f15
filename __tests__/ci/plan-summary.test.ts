/** The sticky PR comment: one marker, a row per stack, each plan folded and cut to fit GitHub's comment limit. */
import { describe, expect, test } from "vitest";
import { PLAN_COMMENT_MARKER, planSummaryMarkdown } from "../../src/ci/plan-summary";
import type { StackCheck } from "../../src/gate/check-stack";

const check = (rest: Partial<StackCheck>): StackCheck => ({ stackDir: "d", scratchDir: "d", ok: true, seconds: 1, ...rest });

describe("planSummaryMarkdown", () => {
  test("marker first, a table row per stack, failures named by their step", () => {
    const markdown = planSummaryMarkdown([
      { name: "production", check: check({ resourcesToAdd: 3, resourcesChanged: 4, planText: "Plan: 3 to add, 1 to change" }) },
      { name: "staging", check: check({ ok: false, failure: { step: "validate", message: "Error: bad" } }) },
    ]);
    expect(markdown.startsWith(PLAN_COMMENT_MARKER)).toBe(true);
    expect(markdown).toContain("| production | ok | 3 | 4 |");
    expect(markdown).toContain("| staging | **validate failed** | - | - |");
    expect(markdown).toContain("<details><summary>staging</summary>");
    expect(markdown).toContain("Error: bad");
  });

  test("long plans are cut so the comment stays under GitHub's 65 536 characters, saying how much was left out", () => {
    const huge = "x".repeat(200_000);
    const markdown = planSummaryMarkdown(["a", "b"].map((name) => ({ name, check: check({ resourcesToAdd: 1, resourcesChanged: 1, planText: huge }) })));
    expect(markdown.length).toBeLessThan(65_536);
    expect(markdown).toMatch(/… \(170000 more characters: see the job log\)/);
  });
});
