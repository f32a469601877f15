/**
 * The dated data tables (regions and zones, RDS instance classes, MariaDB versions, time zones): each JSON file names
 * its source and the day it was taken. No lookup calls AWS; when AWS adds something, the file is updated.
 */
import regionsFile from "./aws-regions.json";
import classesFile from "./rds-instance-classes.json";
import versionsFile from "./mariadb-versions.json";
import timeZonesFile from "./time-zones.json";

export interface RegionFacts {
  /** Zone letters usable in this region, in the order zones are derived (`<region>a`, …). */
  readonly zones: readonly string[];
  /** How many of `zones` one account sees, when AWS maps fewer than all of them per account. @default all of them */
  readonly zonesPerAccount?: number;
  /** Letters only accounts created long ago see: accepted, never derived. */
  readonly olderAccountZones?: readonly string[];
}

export const REGIONS: Readonly<Record<string, RegionFacts>> = regionsFile.regions;
export const RDS_INSTANCE_FAMILIES: Readonly<Record<string, readonly string[]>> = classesFile.families;
export const MARIADB_VERSIONS: Readonly<Record<string, readonly string[]>> = versionsFile.versions;
export const TIME_ZONES: ReadonlySet<string> = new Set(timeZonesFile.timeZones);

/** The tables' sources and dates, for the docs and the table test. */
export const DATA_TABLES = [regionsFile, classesFile, versionsFile, timeZonesFile].map((file) => ({ source: file.source, retrieved: file.retrieved }));

/** Zones one account can use in `region`: the derived ones first. Undefined for a region not in the table. */
export function zonesOf(region: string): { readonly usable: readonly string[]; readonly accepted: readonly string[]; readonly perAccount: number } | undefined {
  const facts = REGIONS[region];
  if (!facts) return undefined;
  const usable = facts.zones.map((letter) => `${region}${letter}`);
  const accepted = [...usable, ...(facts.olderAccountZones ?? []).map((letter) => `${region}${letter}`)];
  return { usable, accepted, perAccount: facts.zonesPerAccount ?? usable.length };
}

/** Known regions close to a misspelt one (same area, e.g. eu-west-*), for the message. */
export function regionsLike(region: string): string[] {
  const area = region.replace(/-\d+$/, "");
  const same = Object.keys(REGIONS).filter((r) => r.startsWith(`${area}-`));
  return same.length > 0 ? same : Object.keys(REGIONS);
}
