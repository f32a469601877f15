/**
 * The loader reports every problem once, at the layer it was written in, and accepts the legitimate edges of what
 * the new AWS-limit checks refuse (so they never refuse a config AWS would take).
 */
import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/load";
import { checkAcrossEnvironments } from "../../src/config/preflight-cross-environment";
import { parseConfigText } from "../../src/config/parse-config-text";
import type { EnvironmentConfig } from "../../src/config/schema/resolve";

const edge = { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00" };
// Public images: the ghcr.io credentials preflight is not what these tests are about.
const env = (settings: Record<string, unknown> = {}) => ({
  region: "eu-west-2",
  accountId: "123456789012",
  edge,
  ...settings,
  compute: { images: { public: true }, ...(settings.compute as Record<string, unknown> | undefined) },
});
const issuesOf = (document: unknown) => {
  const result = loadConfig(document);
  return result.ok ? [] : result.issues;
};

describe("each problem once, at its layer", () => {
  test("a bad value in defaults is one issue at defaults.…, however many environments share it", () => {
    const issues = issuesOf({
      defaults: { database: { instanceClass: "db.t4g.4xlarge", maintenanceWindow: "sun:05:00-sun:05:10" } },
      environments: {
        alpha: env({ edge: { ...edge, domainName: "alpha.example.com" } }),
        beta: env({ edge: { ...edge, domainName: "beta.example.com" } }),
        gamma: env({ edge: { ...edge, domainName: "gamma.example.com" } }),
      },
    });
    expect(issues.map((i) => i.path)).toEqual(["defaults.database.instanceClass", "defaults.database.maintenanceWindow"]);
  });

  test("a schema error in defaults is reported once, an environment's own once per environment", () => {
    const issues = issuesOf({
      defaults: { lifecycle: "keep" },
      environments: { alpha: env({ region: "europe" }), beta: env({ region: "europe", edge: { ...edge, domainName: "beta.example.com" } }) },
    });
    expect(issues.map((i) => i.path).sort()).toEqual(["defaults.lifecycle", "environments.alpha.region", "environments.beta.region"]);
  });

  test("a top-level typo and a bad project do not hide the environments' problems", () => {
    const issues = issuesOf({ project: "PI", projcet: "x", environments: { alpha: env({ accountId: "1" }) } });
    expect(issues.map((i) => i.path)).toEqual(["project", "projcet", "environments.alpha.accountId"]);
  });

  test("prototype keys stop the load before anything is merged, and Object.prototype is untouched", () => {
    const document = JSON.parse('{"environments": {"alpha": {"__proto__": {"polluted": true}, "region": "eu-west-2"}}}');
    expect(issuesOf(document).map((i) => i.path)).toEqual(["environments.alpha.__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the YAML reader", () => {
  test("a few anchors and aliases are fine", () => {
    const parsed = parseConfigText("shared: &edge {domainName: bi.example.com}\nenvironments: {a: {edge: *edge}, b: {edge: *edge}}\n");
    expect(parsed.ok).toBe(true);
  });

  test("a duplicate key is found in a mapping of 20 000 keys, with its line", () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`);
    const parsed = parseConfigText(`${keys.join("\n")}\nk5: again\n`);
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.message)).toEqual([
      "not valid YAML/JSON at line 20001, column 1: this key is given twice in one mapping; keep one (the second would silently win)",
    ]);
  });

  test("syntax errors are capped: five, then how many more", () => {
    const parsed = parseConfigText("a: b: c\n".repeat(50));
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.message)).toEqual([
      ...[1, 2, 3, 4, 5].map((line) => `not valid YAML/JSON at line ${line}, column 4: Nested mappings are not allowed in compact mappings`),
      "and 45 more YAML errors after these; fix the first one and run again",
    ]);
  });

  test("brackets nested beyond any real config are refused before parsing; quoted and commented ones do not count", () => {
    expect(parseConfigText(`a: ${"[".repeat(65)}${"]".repeat(65)}`).ok).toBe(false);
    expect(parseConfigText(`a: ${"[".repeat(64)}${"]".repeat(64)}`).ok).toBe(true);
    expect(parseConfigText(`a: "${"[".repeat(100)}"\nb: '${"{".repeat(100)}'\n# ${"[".repeat(100)}\n`).ok).toBe(true);
  });
});

describe("what AWS accepts is accepted", () => {
  test.each([
    ["us-west-1 with its two zones", env({ region: "us-west-1", network: { mode: "create", azCount: 2 } })],
    ["us-east-1 with six zones", env({ region: "us-east-1", network: { mode: "create", azCount: 6, cidr: "10.0.0.0/16", subnetNewBits: 5 } })],
    [
      "ap-northeast-1b for an older account",
      env({ region: "ap-northeast-1", network: { mode: "create", availabilityZones: ["ap-northeast-1a", "ap-northeast-1b"] } }),
    ],
    ["a pinned MariaDB minor", env({ database: { engineVersion: "10.11.9" } })],
    ["a large Graviton class", env({ database: { instanceClass: "db.r7g.2xlarge" } })],
    ["windows of exactly 30 minutes", env({ database: { backupWindow: "23:45-00:15", maintenanceWindow: "sun:04:00-sun:04:30" } })],
    [
      "IANA and CLDR spellings of a zone",
      env({
        backup: { scheduleTimezone: "Asia/Kolkata" },
        compute: { dashboard: { scaling: { officeHours: { min: 1, max: 1, timezone: "Asia/Calcutta" } } } },
      }),
    ],
    [
      "cron with names, ranges, steps, L and #",
      env({
        backup: { schedule: "cron(30 2 L * ? *)" },
        compute: {
          dashboard: { scaling: { officeHours: { min: 1, max: 1, scaleUp: "cron(0/30 7-9 ? JAN-DEC MON#1 2026-2030)", scaleDown: "cron(0 19 ? * 6L *)" } } },
        },
      }),
    ],
    ["a 64-character domain", env({ edge: { ...edge, domainName: `${"a".repeat(52)}.example.com` } })],
    ["an EFS root three levels deep", env({ fileStorage: { rootPath: "/srv/pi/data" } })],
    ["45 tags", env({ tags: Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`Tag${i}`, "Team Ü 1.0"])) })],
    ["30 ingress ranges", env({ edge: { ...edge, ingressCidrs: { ipv4: Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/16`) } } })],
  ])("%s", (_, environment) => {
    expect(issuesOf({ environments: { alpha: environment } })).toEqual([]);
  });

  test("ap-northeast-1's derived zones skip the b new accounts lack", () => {
    const result = loadConfig({ environments: { alpha: env({ region: "ap-northeast-1" }) } });
    expect(result.ok && result.environments[0].network.mode === "create" && result.environments[0].network.availabilityZones).toEqual([
      "ap-northeast-1a",
      "ap-northeast-1c",
    ]);
  });
});

describe("across environments", () => {
  test("two environments with one resource prefix are refused", () => {
    const result = loadConfig({ environments: { alpha: env(), beta: env({ edge: { ...edge, domainName: "beta.example.com" } }) } });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [alpha, beta] = result.environments;
    const clash: EnvironmentConfig = { ...beta, prefix: alpha.prefix };
    expect(checkAcrossEnvironments([alpha, clash]).map((i) => [i.path, i.message])).toEqual([
      ["environments.beta", 'has the resource-name prefix "pi-alpha" of environment alpha: their resources would collide; rename one'],
    ]);
  });
});
