import { describe, expect, test } from "vitest";
import { designWaivers, waiversFor } from "../../src/config/design-waivers";
import { configFor, EXISTING_NETWORK } from "../support/synth";

const rules = (environment: Record<string, unknown>) =>
  designWaivers(configFor(environment))
    .map((w) => w.rule)
    .sort();

describe("waivers implied by the configuration", () => {
  test("production defaults: only TLS to the database, which is off until the JDBC settings are verified", () => {
    expect(rules({})).toEqual(["PI-RDS-008"]);
    expect(rules({ database: { requireSecureTransport: true } })).toEqual([]);
  });

  test("ephemeral: deletion protection, final snapshot, Multi-AZ and WAF are off by choice", () => {
    expect(rules({ lifecycle: "ephemeral", database: { requireSecureTransport: true } })).toEqual(["PI-ALB-005", "PI-RDS-003", "PI-RDS-005", "PI-WAF-001"]);
    // Turning a protection back on removes its waiver.
    expect(
      rules({
        lifecycle: "ephemeral",
        database: { requireSecureTransport: true, multiAz: true },
        edge: { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00", waf: { enabled: true } },
      }),
    ).toEqual(["PI-ALB-005", "PI-RDS-005"]);
  });

  test("existing VPC: zone spread is taken from network.availabilityZones, and only when it lists two or more", () => {
    const network = EXISTING_NETWORK;
    const withZones = designWaivers(
      configFor({ network: { ...network, availabilityZones: ["eu-west-2a", "eu-west-2b"] }, database: { requireSecureTransport: true } }),
    );
    expect(withZones.map((w) => w.rule)).toEqual(["PI-ALB-006", "PI-LAM-002"]);
    expect(withZones[0].reason).toContain("eu-west-2a, eu-west-2b");
    expect(rules({ network, database: { requireSecureTransport: true } })).toEqual([]);
  });

  test("every implied waiver names the setting that explains it; the operator's own waivers come first", () => {
    const env = configFor({ lifecycle: "ephemeral", policy: { waivers: [{ rule: "PI-LOG-001", reason: "kept elsewhere for audit" }] } });
    const all = waiversFor(env);
    expect(all[0]).toEqual({ rule: "PI-LOG-001", reason: "kept elsewhere for audit" });
    for (const waiver of all.slice(1)) expect(waiver.reason).toMatch(/lifecycle|database\.|edge\.|network\./);
  });
});
