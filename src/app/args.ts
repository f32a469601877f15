/** Command-line and environment inputs of the synth app. */

export const DEFAULT_CONFIG_PATH = "examples/production.yaml";
export const DEFAULT_OUTDIR = "cdktf.out";

export interface SynthArgs {
  readonly configPath: string;
  readonly outdir: string;
  readonly help: boolean;
}

export type ParsedArgs = { readonly ok: true; readonly args: SynthArgs } | { readonly ok: false; readonly error: string };

export const USAGE = `Usage: npm run synth -- [--config <file>] [--out <dir>]

  --config, -c <file>  configuration file (YAML or JSON). Default: $PI_CONFIG, else ${DEFAULT_CONFIG_PATH}
  --out, -o <dir>      output directory. Default: $CDKTF_OUTDIR, else ${DEFAULT_OUTDIR}
  --help, -h           show this help`;

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  let configPath = env.PI_CONFIG || DEFAULT_CONFIG_PATH;
  let outdir = env.CDKTF_OUTDIR || DEFAULT_OUTDIR;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const [name, inlineValue] = flag.startsWith("--") && flag.includes("=") ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    const value = () => inlineValue ?? argv[++i];
    switch (name) {
      case "--config":
      case "-c":
        configPath = value() ?? "";
        if (!configPath) return { ok: false, error: `${name} needs a file path` };
        break;
      case "--out":
      case "-o":
        outdir = value() ?? "";
        if (!outdir) return { ok: false, error: `${name} needs a directory` };
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        return { ok: false, error: `unknown argument "${flag}"` };
    }
  }
  return { ok: true, args: { configPath, outdir, help } };
}
