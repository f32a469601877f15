/**
 * Every file `npm run build:modules` writes under terraform-modules/, by path from the project root. The freshness
 * test compares these with the committed files.
 */
import { join } from "node:path";
import { buildModuleFiles, moduleDocument } from "./module-build";
import { MODULES_DIRECTORY, PUBLISHED_MODULES } from "./modules";
import { moduleReadme } from "./readme";

export async function expectedModuleFiles(): Promise<Map<string, string | Buffer>> {
  const files = new Map<string, string | Buffer>();
  for (const module of PUBLISHED_MODULES) {
    const built = moduleDocument(module);
    const dir = join(MODULES_DIRECTORY, module.directory);
    for (const [file, content] of await buildModuleFiles(module, built)) files.set(join(dir, file), content);
    files.set(join(dir, "README.md"), moduleReadme(module, built.document));
  }
  return files;
}

/** Files in a module directory that the build owns (anything else there, such as CHANGELOG.md, is hand-written). */
export const isGeneratedModuleFile = (relativePath: string): boolean =>
  /(^|\/)(main|variables|outputs|versions)\.tf$|(^|\/)README\.md$|(^|\/)lambda\/[^/]+\.zip$/.test(relativePath);
