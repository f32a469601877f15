/**
 * `npm run build:modules`: regenerate the published modules under terraform-modules/.
 *   --check                    write nothing; exit 1 and list the files that differ from what the constructs produce
 *   --refresh-provider-blocks  first regenerate hcl/provider-blocks.json from the provider schema (needs terraform)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { projectRoot as findProjectRoot } from "../project-root";
import { expectedModuleFiles, isGeneratedModuleFile } from "./generated-modules";
import { MODULES_DIRECTORY, PUBLISHED_MODULES } from "./modules";
import { PROVIDER_BLOCKS_FILE, refreshProviderBlocks } from "./refresh-provider-blocks";

/** Generated files that differ from the committed ones, missing ones, and stale generated files to delete. */
export async function moduleDrift(projectRoot: string): Promise<{ differing: string[]; stale: string[]; expected: Map<string, string | Buffer> }> {
  const expected = await expectedModuleFiles();
  const differing = [...expected]
    .filter(([path, content]) => {
      const full = join(projectRoot, path);
      return !existsSync(full) || !readFileSync(full).equals(Buffer.from(content));
    })
    .map(([path]) => path);
  const stale = PUBLISHED_MODULES.flatMap((m) => listFiles(join(projectRoot, MODULES_DIRECTORY, m.directory)))
    .map((full) => relative(projectRoot, full))
    .filter((path) => isGeneratedModuleFile(path) && !expected.has(path));
  return { differing, stale, expected };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== "--check" && a !== "--refresh-provider-blocks");
  if (unknown.length > 0) {
    console.error(`build:modules: unknown argument ${unknown.join(" ")}; use --check or --refresh-provider-blocks`);
    return 2;
  }
  const root = findProjectRoot();
  if (argv.includes("--refresh-provider-blocks")) {
    writeFileSync(join(root, PROVIDER_BLOCKS_FILE), refreshProviderBlocks(root));
    console.log(`wrote ${PROVIDER_BLOCKS_FILE}`);
  }
  const { differing, stale, expected } = await moduleDrift(root);
  if (argv.includes("--check")) {
    if (differing.length === 0 && stale.length === 0) {
      console.log(`build:modules: ${expected.size} generated files are up to date`);
      return 0;
    }
    console.error(`build:modules: stale generated files (run npm run build:modules):\n${[...differing, ...stale].map((p) => `  ${p}`).join("\n")}`);
    return 1;
  }
  for (const path of differing) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), expected.get(path)!);
    console.log(`wrote ${path}`);
  }
  for (const path of stale) {
    rmSync(join(root, path));
    console.log(`removed ${path}`);
  }
  console.log(`build:modules: ${expected.size} generated files, ${differing.length} written, ${stale.length} removed`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
