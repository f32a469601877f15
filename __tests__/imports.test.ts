import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

// The provider package's index eagerly loads ~2,200 modules (~10 s per synth): only deep imports are allowed.
const BARREL_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)["']@cdktf\/provider-aws["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe("imports", () => {
  test("the barrel pattern catches every import form", () => {
    for (const form of [`import * as aws from "@cdktf/provider-aws";`, `import { vpc } from '@cdktf/provider-aws'`, `require("@cdktf/provider-aws")`]) {
      expect(BARREL_IMPORT.test(form), form).toBe(true);
    }
    expect(BARREL_IMPORT.test(`import { Vpc } from "@cdktf/provider-aws/lib/vpc";`)).toBe(false);
  });

  test("no file imports the @cdktf/provider-aws barrel", () => {
    const root = join(__dirname, "..");
    const files = ["main.ts", ...["src", "lambda-src", "__tests__", "bench"].flatMap((d) => sourceFiles(join(root, d)))];
    const offenders = files
      .filter((file) => !file.endsWith("imports.test.ts"))
      .filter((file) => BARREL_IMPORT.test(readFileSync(join(file.startsWith("/") ? "" : root, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
