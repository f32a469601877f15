/**
 * The apply rehearsal catches what plan cannot: a container environment value that is a number once known. The AWS
 * provider refuses such a task definition at apply ("cannot unmarshal number ... of type string"), while plan shows
 * the document as unknown. The same root with tostring() must pass, so the failure is the value's and not the harness's.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Emulator } from "../../src/rehearse/emulator";
import { loadGaps } from "../../src/rehearse/gaps";
import { rehearseTarget, type TargetResult } from "../../src/rehearse/rehearse-target";
import type { RehearsalTarget } from "../../src/rehearse/targets";
import { terraform } from "../support/terraform";
import { canRehearse, missingForRehearsal, noticeIfCannotRehearse, rehearsalRequired } from "./support";

const TIMEOUTS = { initMs: 120_000, applyMs: 120_000, planMs: 120_000, destroyMs: 120_000 };

/** A root whose only container reads PORT from a value known only at apply (a number, like aws_db_instance.port). */
function taskDefinitionRoot(portValue: string): RehearsalTarget {
  const dir = mkdtempSync(join(tmpdir(), "pi-rehearse-env-"));
  const resources = {
    terraform_data: { port: { input: 3306 } },
    aws_ecs_task_definition: {
      app: {
        family: "rehearsal-env",
        requires_compatibilities: ["FARGATE"],
        network_mode: "awsvpc",
        cpu: "256",
        memory: "512",
        container_definitions: `\${jsonencode([{ name = "app", image = "public.ecr.aws/docker/library/busybox:1.36", essential = true, environment = [{ name = "PORT", value = ${portValue} }] }])}`,
      },
    },
  };
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ provider: { aws: { region: "eu-west-2" } }, resource: resources }, null, 2));
  return { label: `environment value ${portValue}`, root: { dir, resources, moduleCalls: {} }, children: [], zones: new Map(), hasBackend: false };
}

describe.runIf(canRehearse)("apply rehearsal of a container environment value", () => {
  let emulator: Emulator;
  let numeric: TargetResult;
  let stringified: TargetResult;
  beforeAll(async () => {
    if (!terraform.available) throw new Error(terraform.reason);
    emulator = await Emulator.start();
    numeric = await rehearseTarget(taskDefinitionRoot("terraform_data.port.output"), emulator, terraform.env, loadGaps(), TIMEOUTS);
    stringified = await rehearseTarget(taskDefinitionRoot("tostring(terraform_data.port.output)"), emulator, terraform.env, loadGaps(), TIMEOUTS);
  }, 600_000);
  afterAll(() => emulator?.stop());

  test("a number fails the apply with the provider's own error", () => {
    expect(numeric.ok).toBe(false);
    expect(numeric.apply.ok).toBe(false);
    expect(numeric.apply.problems.join("\n")).toMatch(/cannot unmarshal number into Go struct field .*Environment.*of type string/);
  });

  test("the same value through tostring() applies, re-plans clean and destroys", () => {
    expect(stringified.apply).toMatchObject({ ok: true, problems: [] });
    expect(stringified.created).toBe(2);
    expect(stringified.replan).toMatchObject({ ok: true, ours: [], emulators: [] });
    expect(stringified.destroy).toMatchObject({ ok: true, remaining: 0 });
  });
});

describe("apply rehearsal prerequisites", () => {
  noticeIfCannotRehearse("the apply-rehearsal tests");
  test.runIf(rehearsalRequired && !canRehearse)("are required under CI=true", () => {
    expect.fail(`${missingForRehearsal()} must be installed where CI=true`);
  });
});
