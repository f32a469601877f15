import { describe, expect, test } from "vitest";
import { markdownCell } from "../src/markdown-cell";

describe("markdownCell", () => {
  test("escapes pipes and folds line breaks, so a cell never splits its row", () => {
    expect(markdownCell("a | b\nc\r\nd")).toBe("a \\| b c d");
    const row = `| ${markdownCell("x|y\nz")} | two |`;
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(2);
  });
});
