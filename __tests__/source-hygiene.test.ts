import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, test } from "vitest";

// Rules on the source itself. Folders under src/ depend on each other in one direction only: a cycle (module → gate →
// module, as before src/terraform/ existed) means neither folder can be understood, tested or moved without the other.
// No machine path in any source. Optional construct props document their default.
const SRC = join(__dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The unit a file belongs to: its top folder under src/, or the file itself when it sits in src/. */
const unitOf = (path: string) => (relative(SRC, path).split(sep)[0] ?? path).replace(/\.ts$/, "");

/** Folder → folders it imports from (relative imports only; packages are not part of the layering). */
function folderGraph(files: readonly string[], read: (file: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = unitOf(file);
    for (const match of read(file).matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]+)"/g)) {
      const target = resolve(dirname(file), match[1] ?? "");
      if (relative(SRC, target).startsWith("..")) continue;
      const to = unitOf(target);
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** One cycle as a path `a → b → a`, or undefined. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, "open");
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("layering of src/", () => {
  test("the cycle finder finds a folder cycle through relative imports", () => {
    const files = [join(SRC, "module", "a.ts"), join(SRC, "gate", "b.ts"), join(SRC, "terraform", "c.ts")];
    const sources: Record<string, string> = {
      [files[0] as string]: `import { b } from "../gate/b";\nimport { c } from "../terraform/c";`,
      [files[1] as string]: `import { a } from "../module/a";`,
      [files[2] as string]: `export const c = 1;`,
    };
    expect(findCycle(folderGraph(files, (f) => sources[f] ?? ""))).toEqual(["gate", "module", "gate"]);
    sources[files[1] as string] = `import { c } from "../terraform/c";`;
    expect(findCycle(folderGraph(files, (f) => sources[f] ?? ""))).toBeUndefined();
  });

  test("no source file names a path on one machine (a home, /root or the build machine's /work)", () => {
    const root = join(__dirname, "..");
    const files = ["main.ts", ...["src", "lambda-src", "__tests__", "bench"].flatMap((d) => sourceFiles(join(root, d)))];
    const machinePath = new RegExp(["/work", "/root", "/home"].map((p) => `${p}/`).join("|"));
    const offenders = files
      .map((file) => (file.startsWith("/") ? file : join(root, file)))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) => (machinePath.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  test("no two folders under src/ import each other, directly or round about", () => {
    const graph = folderGraph(sourceFiles(SRC), (file) => readFileSync(file, "utf8"));
    expect(graph.get("module")).toBeDefined();
    expect(findCycle(graph)).toBeUndefined();
  });
});

describe("construct props", () => {
  /** `file:line name` of every optional member (`readonly x?:`) whose JSDoc has no `@default`. */
  function undocumentedDefaults(file: string, text: string): string[] {
    const lines = text.split("\n");
    return lines.flatMap((line, i) => {
      const member = /^\s*readonly (\w+)\?:/.exec(line);
      if (!member) return [];
      let doc = "";
      if (/\*\/\s*$/.test(lines[i - 1] ?? "")) {
        for (let j = i - 1; j >= 0; j -= 1) {
          doc = `${lines[j]}\n${doc}`;
          if (/\/\*\*/.test(lines[j] ?? "")) break;
        }
      }
      return /@default\b/.test(doc) ? [] : [`${relative(join(SRC, ".."), file)}:${i + 1} ${member[1]}`];
    });
  }

  test("the check reads the JSDoc right above a member, one line or several", () => {
    const text = [
      "  /** x. @default 1 */",
      "  readonly a?: number;",
      "  readonly b?: number;",
      "  /**",
      "   * y.",
      "   * @default none",
      "   */",
      "  readonly c?: string;",
    ];
    expect(undocumentedDefaults(join(SRC, "t.ts"), text.join("\n"))).toEqual(["src/t.ts:3 b"]);
  });

  test("every optional prop under src/tiers says what happens without it (JSDoc @default)", () => {
    const files = sourceFiles(join(SRC, "tiers"));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => undocumentedDefaults(file, readFileSync(file, "utf8")))).toEqual([]);
  });
});
