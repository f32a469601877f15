/** The dated data tables parse, name their source and day, and hold what the checks expect of them. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { MARIADB_VERSIONS, RDS_INSTANCE_FAMILIES, REGIONS, TIME_ZONES } from "../../src/config/data/tables";
import { awsRegion } from "../../src/config/schema/primitives";
import { MARIADB_MAJOR_VERSIONS } from "../../src/config/schema/database";

const dataDir = join(__dirname, "..", "..", "src", "config", "data");

describe("data tables", () => {
  test.each(readdirSync(dataDir).filter((f) => f.endsWith(".json")))("%s parses and names its source and date", (file) => {
    const table = JSON.parse(readFileSync(join(dataDir, file), "utf8")) as { source?: unknown; retrieved?: unknown };
    expect(typeof table.source === "string" && table.source.length > 20).toBe(true);
    expect(table.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test("regions are region codes with two or more single-letter zones", () => {
    expect(Object.keys(REGIONS).length).toBeGreaterThan(30);
    for (const [region, facts] of Object.entries(REGIONS)) {
      expect(awsRegion.safeParse(region).success, region).toBe(true);
      expect(facts.zones.length, region).toBeGreaterThanOrEqual(2);
      for (const letter of [...facts.zones, ...(facts.olderAccountZones ?? [])]) expect(letter).toMatch(/^[a-z]$/);
    }
    expect(REGIONS["eu-west-2"].zones).toEqual(["a", "b", "c"]);
  });

  test("instance classes are db.<family> with known sizes", () => {
    for (const [family, sizes] of Object.entries(RDS_INSTANCE_FAMILIES)) {
      expect(family).toMatch(/^db\.[a-z][a-z0-9]*$/);
      for (const size of sizes) expect(size).toMatch(/^(micro|small|medium|large|xlarge|\d+xlarge)$/);
    }
    expect(RDS_INSTANCE_FAMILIES["db.t4g"]).toContain("small");
  });

  test("MariaDB versions cover exactly the major releases the schema knows", () => {
    expect(Object.keys(MARIADB_VERSIONS).sort()).toEqual([...MARIADB_MAJOR_VERSIONS].sort());
    for (const [major, minors] of Object.entries(MARIADB_VERSIONS)) {
      expect(minors.length).toBeGreaterThan(0);
      for (const minor of minors) expect(minor.startsWith(`${major}.`) && /^\d+\.\d+\.\d+$/.test(minor)).toBe(true);
    }
  });

  test("time zones are names the runtime knows, with UTC and the common ones", () => {
    for (const zone of TIME_ZONES) expect(() => new Intl.DateTimeFormat("en", { timeZone: zone }), zone).not.toThrow();
    for (const zone of ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"]) expect(TIME_ZONES.has(zone)).toBe(true);
  });
});
