/**
 * Bad compute settings: exit 2, the field path and the fix in the message, cdktf.out untouched. Same harness as
 * bad-configs.test.ts (kept in its own file while that shared table is being edited).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { run } from "../../src/app/run";
import { hashTree } from "../support/tree";

const base = {
  region: "eu-west-2",
  accountId: "123456789012",
  edge: { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00" },
};
const env = (settings: Record<string, unknown>) => ({ environments: { production: { ...base, ...settings } } });
const compute = (settings: Record<string, unknown>) => env({ compute: settings });
const P = "environments.production";

const cases: { name: string; config: unknown; path: string; says: RegExp }[] = [
  {
    name: "dashboard memory not valid for its CPU",
    config: compute({ dashboard: { cpu: 1024, memoryMib: 1536 } }),
    path: `${P}.compute.dashboard.memoryMib`,
    says: /valid memory for cpu 1024: 2048, 3072, 4096, 5120, 6144, 7168, 8192/,
  },
  {
    name: "scheduler memory too large for 256 CPU",
    config: compute({ scheduler: { cpu: 256, memoryMib: 4096 } }),
    path: `${P}.compute.scheduler.memoryMib`,
    says: /valid memory for cpu 256: 512, 1024, 2048/,
  },
  { name: "CPU not a Fargate value", config: compute({ renderer: { cpu: 1000 } }), path: `${P}.compute.renderer.cpu`, says: /256, 512, 1024, 2048, 4096, 8192, 16384/ },
  { name: "dashboard too small for Tomcat", config: compute({ dashboard: { cpu: 512, memoryMib: 1024 } }), path: `${P}.compute.dashboard.memoryMib`, says: /at least 2048 MiB/ },
  {
    name: "heap larger than the task",
    config: compute({ dashboard: { tomcatMaxMemoryMb: 2000 } }),
    path: `${P}.compute.dashboard.tomcatMaxMemoryMb`,
    says: /at most 1536/,
  },
  {
    name: "stickiness off with more than one dashboard task",
    config: env({ edge: { ...base.edge, stickiness: { enabled: false } }, compute: { dashboard: { scaling: { min: 2, max: 4 } } } }),
    path: `${P}.edge.stickiness.enabled`,
    says: /Tomcat keeps sessions in memory/,
  },
  {
    name: "stickiness off with office hours above one task",
    config: env({
      edge: { ...base.edge, stickiness: { enabled: false } },
      compute: { dashboard: { scaling: { officeHours: { min: 1, max: 3 } } } },
    }),
    path: `${P}.edge.stickiness.enabled`,
    says: /may run 3 tasks/,
  },
  { name: "scaling min above max", config: compute({ dashboard: { scaling: { min: 3, max: 2 } } }), path: `${P}.compute.dashboard.scaling.min`, says: /min ≤ max/ },
  { name: "renderer scaling min above max", config: compute({ renderer: { scaling: { min: 2, max: 1 } } }), path: `${P}.compute.renderer.scaling.min`, says: /min ≤ max/ },
  { name: "CPU target of 100 %", config: compute({ dashboard: { scaling: { cpuTargetPercent: 100 } } }), path: `${P}.compute.dashboard.scaling.cpuTargetPercent`, says: /95/ },
  {
    name: "password in the dashboard environment",
    config: compute({ dashboard: { environment: { PI_DB_PASSWORD: "hunter2" } } }),
    path: `${P}.compute.dashboard.environment.PI_DB_PASSWORD`,
    says: /looks like a secret/,
  },
  {
    name: "licence in the dashboard environment",
    config: compute({ dashboard: { environment: { PI_LICENCE: "<Licence/>" } } }),
    path: `${P}.compute.dashboard.environment.PI_LICENCE`,
    says: /compute\.licenceSecretArn/,
  },
  { name: "licence secret not an ARN", config: compute({ licenceSecretArn: "pi/licence" }), path: `${P}.compute.licenceSecretArn`, says: /Secrets Manager secret ARN/ },
  { name: "image tag with a colon", config: compute({ dashboard: { tag: "server:2025" } }), path: `${P}.compute.dashboard.tag`, says: /image tag/ },
  { name: "repository with a tag", config: compute({ renderer: { repository: "ghcr.io/pi-cr/renderer:2025" } }), path: `${P}.compute.renderer.repository`, says: /without tag/ },
  { name: "scheduler cannot use Spot", config: compute({ scheduler: { spot: true } }), path: `${P}.compute.scheduler.spot`, says: /not a known setting/ },
];

function workspace(): { cwd: string; outdir: string; before: Record<string, string> } {
  const cwd = mkdtempSync(join(tmpdir(), "pi-bad-compute-"));
  const outdir = join(cwd, "cdktf.out");
  mkdirSync(join(outdir, "stacks", "production"), { recursive: true });
  writeFileSync(join(outdir, "manifest.json"), '{"previous": true}\n');
  return { cwd, outdir, before: hashTree(outdir) };
}

describe("bad compute configuration stops the synth before anything is written", () => {
  test("names are distinct", () => expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length));

  test.each(cases)("$name → exit 2 naming $path", ({ config, path, says }) => {
    const { cwd, outdir, before } = workspace();
    const file = join(cwd, "config.yaml");
    writeFileSync(file, stringify(config));
    const stderr: string[] = [];
    const code = run({ argv: ["--config", file], env: {}, cwd, stdout: () => undefined, stderr: (t) => stderr.push(t) });
    const message = stderr.join("\n");
    expect(code).toBe(2);
    const line = message.split("\n").find((l) => l.includes(`✗ ${path}:`));
    expect(line, `no line for ${path} in:\n${message}`).toBeDefined();
    expect(line).toMatch(says);
    expect(hashTree(outdir)).toEqual(before);
    expect(readdirSync(cwd).sort()).toEqual(["cdktf.out", "config.yaml"]);
  });
});
