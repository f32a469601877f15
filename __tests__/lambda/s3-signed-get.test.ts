/** The upload-sync function's own S3 GET: addressing, SigV4 checked by s3rver, errors, and cut-off bodies. */
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectUrl, signGet, signedGetOptionsFromEnv, signedGetSource } from "../../lambda-src/upload-sync/s3-signed-get";
import { putObject, S3RVER_CREDENTIALS, startLocalS3, type LocalS3 } from "./helpers/s3";

/** node:crypto in the shape the SDK's signer expects (HMAC when given a secret). */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) =>
  typeof data === "string" ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

describe("object URLs and signatures", () => {
  it("virtual-hosted on AWS, path style for dotted buckets and at a custom endpoint; keys RFC 3986-encoded", () => {
    expect(objectUrl({ region: "eu-west-2" }, "pi-uploads", "images/a b+c(1).png").href).toBe(
      "https://pi-uploads.s3.eu-west-2.amazonaws.com/images/a%20b%2Bc%281%29.png",
    );
    expect(objectUrl({ region: "eu-west-2" }, "my.bucket", "x").href).toBe("https://s3.eu-west-2.amazonaws.com/my.bucket/x");
    expect(objectUrl({ region: "cn-north-1" }, "b", "x").host).toBe("b.s3.cn-north-1.amazonaws.com.cn");
    expect(objectUrl({ region: "us-east-1", endpoint: "http://127.0.0.1:9000/" }, "b", "themes/é.css").href).toBe("http://127.0.0.1:9000/b/themes/%C3%A9.css");
  });

  it("signs host, payload and date (and the session token), scoped to the day, region and s3", () => {
    const url = objectUrl({ region: "eu-west-2" }, "b", "k");
    const headers = signGet(url, {
      region: "eu-west-2",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token" },
      now: () => new Date("2026-11-22T06:00:00.123Z"),
    });
    expect(headers["x-amz-date"]).toBe("20261122T060000Z");
    expect(headers["x-amz-security-token"]).toBe("token");
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261122\/eu-west-2\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it.each([
    ["a plain key", "pi-uploads", "images/logo.png", undefined],
    ["a key that needs encoding, with a session token", "pi-uploads", "themes/ünïcode & (1)+x.css", "FwoGZXIvYXdzEXAMPLE"],
    ["a dotted bucket (path style)", "my.bucket", "files/a b.txt", undefined],
  ])("signs exactly as the AWS SDK's own SigV4 signer does: %s", async (_case, bucket, key, sessionToken) => {
    const credentials = {
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      ...(sessionToken ? { sessionToken } : {}),
    };
    const now = new Date("2026-11-22T06:21:44Z");
    const url = objectUrl({ region: "eu-west-2" }, bucket, key);
    const ours = signGet(url, { region: "eu-west-2", credentials, now: () => now });
    // The SDK's signer with S3's settings: the path is encoded once (uriEscapePath: false), the payload unsigned.
    const reference = new SignatureV4({ service: "s3", region: "eu-west-2", credentials, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
    const signed = await reference.sign(
      {
        method: "GET",
        protocol: "https:",
        hostname: url.host,
        path: url.pathname,
        query: {},
        headers: { host: url.host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      },
      { signingDate: now },
    );
    expect(ours.authorization).toBe(signed.headers.authorization);
    expect(ours["x-amz-date"]).toBe(signed.headers["x-amz-date"]);
  });

  it("takes region and credentials from Lambda's environment, and says which variable is missing", () => {
    expect(signedGetOptionsFromEnv({ AWS_REGION: "eu-west-2", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t" })).toEqual({
      region: "eu-west-2",
      credentials: { accessKeyId: "a", secretAccessKey: "s", sessionToken: "t" },
    });
    expect(() => signedGetOptionsFromEnv({ AWS_REGION: "eu-west-2" })).toThrow(/AWS_ACCESS_KEY_ID/);
  });
});

describe("against s3rver", () => {
  let s3: LocalS3;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pi-signed-get-"));
    s3 = await startLocalS3(dir, ["pi-uploads"]);
    await putObject(s3.client, "pi-uploads", "themes/ünïcode & space.css", "body { color: red }");
  });
  afterAll(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("streams an object whose key needs encoding", async () => {
    const body = await s3.objects.getObject("pi-uploads", "themes/ünïcode & space.css");
    expect(await text(body!)).toBe("body { color: red }");
  });

  it("answers undefined for a key that no longer exists", async () => {
    expect(await s3.objects.getObject("pi-uploads", "themes/gone.css")).toBeUndefined();
  });

  it("an error response becomes an error named after S3's code (s3rver checks the access key, not SigV4 signatures)", async () => {
    const unknownKey = signedGetSource({ region: "us-east-1", endpoint: s3.endpoint, credentials: { accessKeyId: "NOBODY", secretAccessKey: "x" } });
    await expect(unknownKey.getObject("pi-uploads", "themes/ünïcode & space.css")).rejects.toMatchObject({
      name: "InvalidAccessKeyId",
      message: expect.stringMatching(/^GetObject s3:\/\/pi-uploads\/themes\/ünïcode & space\.css: HTTP 403 InvalidAccessKeyId/),
    });
  });
});

describe("a body cut short", () => {
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { "content-length": "10" });
      response.write("12345");
      setTimeout(() => response.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fails the stream instead of ending it as if complete", async () => {
    const source = signedGetSource({ region: "us-east-1", endpoint, credentials: S3RVER_CREDENTIALS });
    const body = await source.getObject("b", "k");
    await expect(text(body!)).rejects.toThrow();
  });
});
