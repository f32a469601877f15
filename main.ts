/** Entry point: `npm run synth` and `cdktf synth` both run this. See src/app/run.ts. */
import { run } from "./src/app/run";

process.exitCode = run({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
});
