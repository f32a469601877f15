/** `npm run docs:config`: regenerate config.schema.json and the README's configuration reference. */
import { projectRoot as findProjectRoot } from "../project-root";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expectedConfigDocs } from "./generated-docs";

const projectRoot = findProjectRoot();
for (const [file, content] of Object.entries(expectedConfigDocs(projectRoot))) {
  writeFileSync(join(projectRoot, file), content);
  console.log(`wrote ${file}`);
}
