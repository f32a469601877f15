/**
 * moto's server on 127.0.0.1 (a free port), started through the launcher that fills its gaps
 * (emulator/launch_moto.py). Always stopped: by `stop()`, and on exit, Ctrl-C or SIGTERM of this process.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

const LAUNCHER = join(__dirname, "emulator", "launch_moto.py");
const START_TIMEOUT_MS = 90_000;

export type EmulatorAvailability = { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };

/** Whether python3 can import moto with its server extras (flask, werkzeug). */
export function findEmulator(): EmulatorAvailability {
  const probe = spawnSync("python3", ["-c", "import moto, flask, werkzeug; from moto import server; print(moto.__version__)"], { encoding: "utf8" });
  if (probe.error) return { available: false, reason: "python3 not found on PATH" };
  if (probe.status !== 0) {
    return {
      available: false,
      reason: "python3 cannot import moto's server (install it with: pip install 'moto[server]==5.2.1', or apt-get install python3-moto)",
    };
  }
  return { available: true, version: probe.stdout.trim() };
}

export class Emulator {
  private constructor(
    private readonly child: ChildProcess,
    /** The endpoint every AWS service of the provider is pointed at. */
    public readonly endpoint: string,
    private readonly log: string[],
  ) {}

  static async start(): Promise<Emulator> {
    const port = await freePort();
    const log: string[] = [];
    const child = spawn("python3", [LAUNCHER, "--port", String(port)], {
      env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true", MOTO_ACM_VALIDATION_WAIT: "0", PYTHONUNBUFFERED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const keep = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.length > 400) log.splice(0, log.length - 400);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const emulator = new Emulator(child, `http://127.0.0.1:${port}`, log);
    stopOnExit(child);
    try {
      await emulator.waitUntilServing();
      await emulator.configure();
    } catch (error) {
      emulator.stop();
      throw error;
    }
    return emulator;
  }

  /** Forget every resource (between stacks) and configure the emulator again. */
  async reset(): Promise<void> {
    await this.request("POST", "/moto-api/reset");
    await this.configure();
  }

  /** Creates a public hosted zone and returns its id (without the `/hostedzone/` prefix). */
  async createHostedZone(name: string): Promise<string> {
    const body =
      `<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">` +
      `<Name>${name}</Name><CallerReference>rehearsal-${name}</CallerReference></CreateHostedZoneRequest>`;
    const response = await this.request("POST", "/2013-04-01/hostedzone", body, {
      "content-type": "application/xml",
      // moto routes a request to a service by the credential scope of its (unchecked) signature.
      authorization: "AWS4-HMAC-SHA256 Credential=rehearsal/20260101/us-east-1/route53/aws4_request, SignedHeaders=host, Signature=0",
    });
    const id = /<Id>\/hostedzone\/([^<]+)<\/Id>/.exec(response)?.[1];
    if (!id) throw new Error(`the emulator did not create the hosted zone ${name}: ${response.slice(0, 300)}`);
    return id;
  }

  /** The server's last output lines (for a failure report). */
  recentLog(lines = 20): string {
    return tailLines(this.log.join(""), lines);
  }

  stop(): void {
    killGroup(this.child);
  }

  private async configure(): Promise<void> {
    // Lambda functions are stored and invoked without Docker (the initialiser's invocation returns at once).
    await this.request("POST", "/moto-api/config", JSON.stringify({ lambda: { use_docker: false } }), { "content-type": "application/json" });
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the emulator exited with code ${this.child.exitCode}:\n${this.recentLog()}`);
      try {
        await this.request("GET", "/moto-api/data.json");
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    throw new Error(`the emulator did not answer within ${START_TIMEOUT_MS / 1000} s:\n${this.recentLog()}`);
  }

  private async request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<string> {
    const response = await fetch(`${this.endpoint}${path}`, { method, body, headers });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text;
  }
}

function tailLines(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Ends the emulator's process group (the launcher and anything it started), unless it has ended already. */
function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/** Kills the emulator's process group when this process ends, however it ends. */
function stopOnExit(child: ChildProcess): void {
  const kill = () => killGroup(child);
  process.once("exit", kill);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      kill();
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
}
