import { describe, expect, it } from "vitest";
import { compareSequencers, isSequencer } from "../../lambda-src/upload-sync/sequencer";

describe("S3 sequencers", () => {
  it.each([
    ["0055AED6DCD90281E5", "0055AED6DCD90281E6", -1],
    ["FF", "100", -1], // plain string order would say "FF" > "100"
    ["00FF", "FF", 0], // left-padding makes them equal
    ["0055aed6dcd90281e5", "0055AED6DCD90281E5", 0], // case does not matter
    ["0055AED6DCD9028200", "0055AED6DCD90281F0", 1],
  ])("compare(%s, %s) = %i", (a, b, expected) => {
    expect(Math.sign(compareSequencers(a, b))).toBe(expected);
    expect(Math.sign(compareSequencers(b, a))).toBe(-expected || 0);
  });

  it("accepts hex strings only", () => {
    expect(["0A", "0055AED6DCD90281E5"].every(isSequencer)).toBe(true);
    expect(["", "xyz", "0A ", undefined, 10, "F".repeat(65)].some(isSequencer)).toBe(false);
  });
});
