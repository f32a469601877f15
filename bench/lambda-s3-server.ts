// Benchmark helper process: an s3rver of its own, so its memory never counts towards the syncing process.
// Usage: tsx bench/lambda-s3-server.ts <storage dir> <bucket>; prints {"port":N} and serves until stdin closes.
import S3rver from "s3rver";

async function main(): Promise<void> {
  const [directory = "", bucket = ""] = process.argv.slice(2);
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
}

void main();
