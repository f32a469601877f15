/**
 * The synth job: arguments → config → one PanintelligenceStack per environment → cdktf.out, written all-or-nothing.
 * Returns the process exit code: 0 done, 1 synth failed (old output kept), 2 bad arguments or config (nothing written).
 */
import { isAbsolute, join, relative, resolve } from "node:path";
import { App } from "cdktf";
import { loadConfigFile } from "../config/load";
import { formatIssues, formatWarnings } from "../config/issues";
import type { EnvironmentConfig } from "../config/schema/resolve";
import { PanintelligenceStack } from "../stack";
import { parseArgs, USAGE } from "./args";
import { commitStaging, discardStaging, prepareStaging } from "./output-dir";
import { oneLineVerdict, policyReportFor } from "./policy-verdict";
import { withQuietStackTraces } from "./quiet-stack-traces";
import { formatSummary, summariseStack, type StackSummary } from "./summary";

export interface RunContext {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function run(ctx: RunContext): number {
  const started = performance.now();
  const parsed = parseArgs(ctx.argv, ctx.env);
  if (!parsed.ok) {
    ctx.stderr(`${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.args.help) {
    ctx.stdout(USAGE);
    return 0;
  }
  const configPath = resolve(ctx.cwd, parsed.args.configPath);
  const outdir = resolve(ctx.cwd, parsed.args.outdir);

  const loaded = loadConfigFile(configPath);
  if (!loaded.ok) {
    ctx.stderr(formatIssues(relative(ctx.cwd, configPath) || configPath, loaded.issues));
    return 2;
  }
  if (loaded.warnings.length > 0) ctx.stderr(formatWarnings(relative(ctx.cwd, configPath) || configPath, loaded.warnings));

  const staging = prepareStaging(outdir);
  let summaries: StackSummary[];
  try {
    summaries = withQuietStackTraces(() => synthesise(loaded.environments, staging, outdir, ctx.cwd));
    commitStaging(staging, outdir);
  } catch (error) {
    discardStaging(staging);
    ctx.stderr(`Synth failed; ${relative(ctx.cwd, outdir) || outdir} was left as it was.\n${(error as Error).stack ?? error}`);
    return 1;
  }
  ctx.stdout(formatSummary(summaries, configPath, ctx.cwd, (performance.now() - started) / 1000));
  return 0;
}

/** One stack per environment into `staging`, each summarised with its policy verdict. */
function synthesise(environments: readonly EnvironmentConfig[], staging: string, outdir: string, cwd: string): StackSummary[] {
  // skipValidation: cdktf's own validations only shell out to `terraform version`; ours ran before.
  const app = new App({ outdir: staging, skipValidation: true, stackTraces: false });
  const summaries = environments.map((env) => {
    const stackDir = join(outdir, "stacks", env.name);
    const stack = new PanintelligenceStack(app, env.name, {
      config: env,
      localStatePath: env.state.backend === "local" && !isAbsolute(env.state.path) ? relative(stackDir, resolve(cwd, env.state.path)) : undefined,
    });
    return summariseStack(stack, {
      name: env.name,
      region: env.region,
      accountId: env.accountId,
      lifecycle: env.lifecycle,
      directory: stackDir,
    });
  });
  app.synth();
  return summaries.map((summary, i) => ({ ...summary, policy: oneLineVerdict(policyReportFor(staging, environments[i])) }));
}
