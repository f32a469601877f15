import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildLambdaZip } from "../../lambda-src/build";
import { cachedLambdaZip } from "../../src/tiers/lambdas/zip-cache";

describe("Lambda zip cache", () => {
  test.each(["efs-initialiser", "upload-sync"] as const)("%s: a cached zip is byte-identical to a fresh build, hashes included", (name) => {
    const fresh = buildLambdaZip({ name, outDir: mkdtempSync(join(tmpdir(), "pi-zip-fresh-")) });
    const first = cachedLambdaZip(name, mkdtempSync(join(tmpdir(), "pi-zip-a-")));
    const second = cachedLambdaZip(name, mkdtempSync(join(tmpdir(), "pi-zip-b-")));
    for (const zip of [first, second]) {
      expect(readFileSync(zip.zipPath).equals(readFileSync(fresh.zipPath))).toBe(true);
      expect({ ...zip, zipPath: "" }).toEqual({ ...fresh, zipPath: "" });
    }
    expect(second.zipPath).not.toBe(first.zipPath);
  });
});
