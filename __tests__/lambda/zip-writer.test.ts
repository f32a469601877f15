import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeZip } from "../../lambda-src/packaging/zip-writer";
import { readZip } from "./helpers/zip-reader";
import { tempDir } from "./helpers/temp-dir";

const hasUnzip = (() => {
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const ENTRIES = [
  { name: "seed/themes/b.css", data: Buffer.from("b { }\n".repeat(200)) },
  { name: "index.js", data: Buffer.from("exports.handler = async () => 42;\n") },
  { name: "seed/themes/é ü.txt", data: Buffer.from("unicode name") },
  { name: "seed/empty", data: Buffer.alloc(0) },
  { name: "seed/random.bin", data: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 251)) },
];

describe("deterministic zip writer", () => {
  it("gives the same bytes whatever the input order", () => {
    expect(writeZip(ENTRIES).equals(writeZip([...ENTRIES].reverse()))).toBe(true);
  });

  it("sorts entries, pins the date to 1980-01-01 00:00 and the mode to 0644, keeps contents intact", () => {
    const entries = readZip(writeZip(ENTRIES));
    expect(entries.map((entry) => entry.name)).toEqual(["index.js", "seed/empty", "seed/random.bin", "seed/themes/b.css", "seed/themes/é ü.txt"]);
    for (const entry of entries) {
      expect([entry.name, entry.dosDate, entry.dosTime]).toEqual([entry.name, 0x21, 0]);
      expect((entry.externalAttributes >>> 16).toString(8)).toBe("100644");
      expect(entry.madeBy >> 8).toBe(3); // Unix, so unzip honours the mode
      expect(entry.data.equals(ENTRIES.find((input) => input.name === entry.name)?.data ?? Buffer.alloc(1))).toBe(true);
    }
  });

  it("deflates what compresses and stores what does not", () => {
    const zip = writeZip(ENTRIES);
    const repetitive = ENTRIES[0]?.data.length ?? 0;
    expect(zip.length).toBeLessThan(repetitive); // the 1200-byte CSS shrank
    expect(readZip(writeZip([{ name: "e", data: Buffer.alloc(0) }]))[0]?.data.length).toBe(0);
  });

  it("refuses duplicate names", () => {
    expect(() => writeZip([ENTRIES[1]!, ENTRIES[1]!])).toThrow(/duplicate entry index.js/);
  });

  it.skipIf(!hasUnzip)("is a valid archive for Info-ZIP unzip", () => {
    const dir = tempDir();
    const path = join(dir, "a.zip");
    writeFileSync(path, writeZip(ENTRIES));
    expect(execFileSync("unzip", ["-t", path], { encoding: "utf8" })).toMatch(/No errors detected/);
    const listing = execFileSync("unzip", ["-Z", "-l", path], { encoding: "utf8" });
    expect(listing.match(/^-rw-r--r--.* 80-Jan-01 00:00 /gm)).toHaveLength(ENTRIES.length);
    execFileSync("unzip", ["-q", path, "-d", join(dir, "out")]);
    expect(execFileSync("cat", [join(dir, "out", "seed/themes/é ü.txt")], { encoding: "utf8" })).toBe("unicode name");
  });
});
