/**
 * The CI plan-check workflow users copy (ci/github/terraform-plan.yml): valid YAML with the triggers and permissions
 * the README promises, every command it runs is an npm script of this package or a documented tool, and this
 * repository's .ci/run runs each of those commands (offline) so a broken one fails here first.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";

const root = join(__dirname, "..", "..");
const workflow = parse(readFileSync(join(root, "ci", "github", "terraform-plan.yml"), "utf8")) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Array<{ name?: string; run?: string; uses?: string; with?: Record<string, string> }> }>;
};
const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const ciRun = readFileSync(join(root, ".ci", "run"), "utf8");
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

/** The commands of a `run:` block: one per line, without `|| true`, redirections and `exit`. */
const commandsOf = (run: string) =>
  run
    .split("\n")
    .map((line) =>
      line
        .replace(/\s*\|\|\s*true\s*$/, "")
        .replace(/\s*>>.*$/, "")
        .trim(),
    )
    .filter((line) => line && !line.startsWith("#"));
const workflowCommands = steps.flatMap((s) => (s.run ? commandsOf(s.run) : []));

/** A command as .ci/run would write it: `npm run --silent`, output files anywhere, plan:stacks with --offline. */
const normalise = (command: string) =>
  command
    .replace("npm run --silent ", "npm run ")
    .replace(" --offline", "")
    .replace(/"\$work\/([^"]+)"/g, "$1")
    .replace(/(--out|--summary) (\S+)/g, (_, flag: string, file: string) => `${flag} ${file.split("/").at(-1)}`)
    .trim();

/** Tools the workflow may call besides npm scripts (documented in the README's CI section). */
const DOCUMENTED_TOOLS = ["terraform", "cat", "exit"];

describe("ci/github/terraform-plan.yml", () => {
  test("runs on pull requests, nightly and by hand, with OIDC and the permissions its steps need", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toMatchObject({ "id-token": "write", "pull-requests": "write", "security-events": "write", contents: "read" });
    const uses = steps.flatMap((s) => (s.uses ? [s.uses.split("@")[0]] : []));
    expect(uses).toEqual(
      expect.arrayContaining(["aws-actions/configure-aws-credentials", "github/codeql-action/upload-sarif", "marocchino/sticky-pull-request-comment"]),
    );
    expect(steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))?.with?.["role-to-assume"]).toContain("vars.PLAN_ROLE_ARN");
    for (const s of steps) if (s.uses) expect(s.uses, "actions pinned to a major version").toMatch(/@v\d+$/);
  });

  test("covers install, synth, SARIF + Markdown policy, fmt, plan per stack with a summary, and drift detection", () => {
    const joined = workflowCommands.join("\n");
    for (const expected of [
      "npm ci",
      "npm run synth",
      "--format sarif",
      "--format markdown",
      "terraform fmt -check",
      "npm run plan:stacks -- --summary",
      "--detailed-exitcode",
    ])
      expect(joined).toContain(expected);
  });

  test("every command is an npm script of this package or a documented tool", () => {
    for (const command of workflowCommands) {
      const npmRun = /^npm run (\S+)/.exec(command);
      if (npmRun) expect(scripts, command).toHaveProperty(npmRun[1]);
      else if (command !== "npm ci") expect(DOCUMENTED_TOOLS, command).toContain(command.split(" ")[0]);
    }
  });

  test(".ci/run runs each of the workflow's commands", () => {
    const ciCommands = new Set(ciRun.split("\n").map((l) => normalise(l.replace(/^npm ci --no-audit --no-fund$/, "npm ci"))));
    const missing = workflowCommands
      .filter((c) => !["cat", "exit"].includes(c.split(" ")[0]))
      .map(normalise)
      .filter((c) => !ciCommands.has(c));
    expect(missing).toEqual([]);
  });
});
