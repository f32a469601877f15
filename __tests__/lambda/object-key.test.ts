import { describe, expect, it } from "vitest";
import { checkEventKey } from "../../lambda-src/upload-sync/object-key";

const ALLOWED = new Set(["images", "themes", "excel-data"]);

describe("checkEventKey", () => {
  it.each([
    ["themes/piBerry+Wider+Tables/style.css", "themes/piBerry Wider Tables/style.css"],
    ["images/a%2Bb.png", "images/a+b.png"],
    ["images/caf%C3%A9.png", "images/café.png"],
    ["excel-data/2025/Q1%20report.xlsx", "excel-data/2025/Q1 report.xlsx"],
    ["images/...", "images/..."],
  ])("decodes %s to %s", (encoded, decoded) => {
    expect(checkEventKey(encoded, ALLOWED)).toEqual({ ok: true, key: decoded, segments: decoded.split("/") });
  });

  it.each([
    ["images/..%2Fkeys/a", /"\.\." segment/],
    ["images/%2e%2e%2f%2e%2e%2fetc", /"\.\." segment/],
    ["images+/x", /prefix "images " is not an allowed directory/],
    ["%2Fimages%2Fa.png", /absolute path/],
    ["images/a%00b", /control character/],
    ["images/a%5Cb", /backslash/],
    ["images//a", /empty path segment/],
    ["images/a/", /trailing slash/],
    ["", /empty path/],
    ["images/%", /malformed percent-encoding/],
    [`images/${"é".repeat(128)}`, /segment longer than 255 bytes/],
    [`images/${"x/".repeat(600)}`, /longer than 1024 bytes/],
    ["keys/dashboard.key", /prefix "keys" is not an allowed directory/],
    ["images/.pi-sync-abc.tmp", /reserved/],
  ])("rejects %s", (encoded, reason) => {
    const check = checkEventKey(encoded, ALLOWED);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toMatch(reason);
  });
});
