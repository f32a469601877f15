/**
 * Test support for the tests that apply against the emulator: terraform and moto's server where present, a visible
 * notice where either is missing (a failure under CI=true, see each file's "required" test).
 */
import { findEmulator } from "../../src/rehearse/emulator";
import { terraform } from "../support/terraform";

export const emulator = findEmulator();
/** Under CI=true terraform and the emulator must be there: their absence fails instead of skipping. */
export const rehearsalRequired = process.env.CI === "true";
export const canRehearse = terraform.available && emulator.available;

export function missingForRehearsal(): string {
  return [terraform.available ? "" : `terraform (${terraform.reason})`, emulator.available ? "" : `moto's server (${emulator.reason})`]
    .filter(Boolean)
    .join(" and ");
}

export function noticeIfCannotRehearse(skipping: string): void {
  if (!canRehearse && !rehearsalRequired) console.warn(`\n⚠ ${missingForRehearsal()} not found: skipping ${skipping}\n`);
}
