/**
 * The gate's part for the published modules: `terraform fmt -check -recursive` over terraform-modules/, init +
 * validate of each module, and init → validate → plan of each example root module, in a scratch copy of the tree (the
 * examples call the modules by relative path).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { MODULES_DIRECTORY, PUBLISHED_MODULES } from "../module/modules";
import { planDirectory, type StackCheck } from "./check-stack";
import { GATE_OVERRIDE_FILE, gateOverride } from "./override";

const exec = promisify(execFile);

export interface ModulesCheck {
  /** `terraform fmt -check` output: the files that need formatting, empty when clean. */
  readonly unformatted: readonly string[];
  readonly modules: ReadonlyArray<{ readonly name: string; readonly ok: boolean; readonly message?: string }>;
  readonly examples: ReadonlyArray<{ readonly name: string; readonly check: StackCheck }>;
}

export async function checkModules(projectRoot: string, gateRoot: string, env: NodeJS.ProcessEnv): Promise<ModulesCheck> {
  const source = join(projectRoot, MODULES_DIRECTORY);
  const scratch = join(gateRoot, MODULES_DIRECTORY);
  const terraform = (dir: string, ...args: string[]) => exec("terraform", [`-chdir=${dir}`, ...args], { env, maxBuffer: 64 * 1024 * 1024 });

  let unformatted: string[] = [];
  try {
    await terraform(source, "fmt", "-check", "-recursive", "-no-color");
  } catch (error) {
    unformatted = String((error as { stdout?: string }).stdout ?? error)
      .trim()
      .split("\n");
  }

  rmSync(scratch, { recursive: true, force: true });
  cpSync(source, scratch, {
    recursive: true,
    filter: (path) => ![".terraform", ".terraform.lock.hcl", "terraform.tfstate"].includes(basename(path)),
  });

  const modules = [];
  for (const module of PUBLISHED_MODULES) {
    const dir = join(scratch, module.directory);
    try {
      await terraform(dir, "init", "-backend=false", "-input=false", "-no-color");
      await terraform(dir, "validate", "-no-color");
      modules.push({ name: module.directory, ok: true });
    } catch (error) {
      const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
      modules.push({ name: module.directory, ok: false, message: (stderr || stdout || message).trim() });
    }
  }

  const examplesDir = join(scratch, "examples");
  const names = existsSync(examplesDir)
    ? readdirSync(examplesDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  const examples = await Promise.all(
    names.map(async (name) => {
      const dir = join(examplesDir, name);
      writeFileSync(join(dir, GATE_OVERRIDE_FILE), `${JSON.stringify(gateOverride({ backend: false }), null, 2)}\n`);
      return { name, check: await planDirectory(dir, env) };
    }),
  );
  return { unformatted, modules, examples };
}
