const SEQUENCER = /^[0-9A-Fa-f]{1,64}$/;

export function isSequencer(value: unknown): value is string {
  return typeof value === "string" && SEQUENCER.test(value);
}

/**
 * Orders two S3 event sequencers of the same key. They are hex strings of varying length, which compare correctly
 * only after left-padding to equal length (plain string order puts "FF" after "100").
 */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const left = a.toUpperCase().padStart(width, "0");
  const right = b.toUpperCase().padStart(width, "0");
  return left < right ? -1 : left > right ? 1 : 0;
}
