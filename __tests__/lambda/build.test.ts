import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLambdaZip, DEFAULT_MAX_SEED_BYTES } from "../../lambda-src/build";
import { read, writeTree } from "./helpers/files";
import { invokeBundle } from "./helpers/invoke-bundle";
import { encodeEventKey, type LocalS3, putObject, s3Record, startLocalS3 } from "./helpers/s3";
import { tempDir } from "./helpers/temp-dir";
import { readZip } from "./helpers/zip-reader";

const REPO = resolve(__dirname, "../..");
const SEED = {
  "themes/piBerry/style.css": "body { color: purple }",
  "locale/messages.properties": "hello=Hello",
};

function seedDir(files: Readonly<Record<string, string | Buffer>> = SEED): string {
  const dir = tempDir("pi-seed-");
  writeTree(dir, files);
  return dir;
}

function unzipTo(zipPath: string): string {
  const dir = tempDir("pi-bundle-");
  execFileSync("unzip", ["-q", zipPath, "-d", dir]);
  return dir;
}

describe("buildLambdaZip", () => {
  it("builds byte-identical zips and hashes from the same inputs", () => {
    const seed = seedDir();
    for (const name of ["efs-initialiser", "upload-sync"] as const) {
      const options = name === "efs-initialiser" ? { seedDir: seed } : {};
      const first = buildLambdaZip({ name, outDir: tempDir(), ...options });
      const second = buildLambdaZip({ name, outDir: tempDir(), ...options });
      expect(readFileSync(first.zipPath).equals(readFileSync(second.zipPath))).toBe(true);
      expect({ ...second, zipPath: "" }).toEqual({ ...first, zipPath: "" });
      expect(first).toMatchObject({ runtime: "nodejs22.x", handler: "index.handler" });
      expect(first.bytes).toBe(readFileSync(first.zipPath).length);
    }
  });

  it("derives the seed hash from paths and contents, never from mtimes", () => {
    const dir = seedDir();
    const outDir = tempDir();
    const hash = () => buildLambdaZip({ name: "efs-initialiser", outDir, seedDir: dir }).seedHash;
    const original = hash();
    utimesSync(join(dir, "locale/messages.properties"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(hash()).toBe(original);

    writeFileSync(join(dir, "locale/messages.properties"), "hello=Hi");
    const edited = hash();
    expect(edited).not.toBe(original);

    renameSync(join(dir, "locale/messages.properties"), join(dir, "locale/messages_en.properties"));
    expect(hash()).not.toBe(edited);
  });

  it("packs index.js, the seed manifest and the seed, with no path of this machine inside", () => {
    const seed = seedDir();
    const zip = readFileSync(buildLambdaZip({ name: "efs-initialiser", outDir: tempDir(), seedDir: seed }).zipPath);
    const entries = readZip(zip);
    expect(entries.map((entry) => entry.name)).toEqual(["index.js", "seed-manifest.json", "seed/locale/messages.properties", "seed/themes/piBerry/style.css"]);
    for (const entry of entries) {
      expect(entry.data.includes(REPO), entry.name).toBe(false);
      expect(entry.data.includes(seed), entry.name).toBe(false);
    }
    const index = entries[0]?.data.toString() ?? "";
    expect(index).toMatch(/^"use strict";/);
    expect(index).not.toMatch(/cdktf|constructs/);
  });

  it("loads no AWS SDK at all: upload-sync signs its one GET itself (the SDK would hold ~18 MiB of memory)", () => {
    for (const name of ["upload-sync", "efs-initialiser"] as const) {
      const zip = readFileSync(buildLambdaZip({ name, outDir: tempDir() }).zipPath);
      const index =
        readZip(zip)
          .find((entry) => entry.name === "index.js")
          ?.data.toString() ?? "";
      expect(index, name).not.toContain("@aws-sdk");
      expect(index, name).not.toContain("@smithy");
      expect(zip.length, name).toBeLessThan(100_000);
    }
  });

  it("refuses a seed over the size limit, naming the limit and the S3 upload path", () => {
    const dir = seedDir({ "images/big.png": Buffer.alloc(2048) });
    expect(() => buildLambdaZip({ name: "efs-initialiser", outDir: tempDir(), seedDir: dir, maxSeedBytes: 1024 })).toThrow(
      /holds 2\.0 KiB \(2048 bytes\), over the seed limit of 1\.0 KiB \(maxSeedBytes = 1024\).*s3:\/\/<upload bucket>\/<directory>\//s,
    );
    expect(DEFAULT_MAX_SEED_BYTES).toBe(32 * 1024 * 1024);
  });

  it("refuses seeds it could not copy faithfully", () => {
    const loose = seedDir({ "README.md": "x" });
    expect(() => buildLambdaZip({ name: "efs-initialiser", outDir: tempDir(), seedDir: loose })).toThrow(/must be inside a directory/);
    const linked = seedDir();
    symlinkSync("/etc/passwd", join(linked, "themes/passwd"));
    expect(() => buildLambdaZip({ name: "efs-initialiser", outDir: tempDir(), seedDir: linked })).toThrow(/not a regular file or directory/);
    expect(() => buildLambdaZip({ name: "upload-sync", outDir: tempDir(), seedDir: seedDir() })).toThrow(/takes no seed/);
  });
});

describe("the bundled handlers", () => {
  let s3: LocalS3;
  let serverDir: string;

  beforeAll(async () => {
    serverDir = mkdtempSync(join(tmpdir(), "pi-s3rver-"));
    s3 = await startLocalS3(serverDir, ["pi-uploads"]);
  });

  afterAll(async () => {
    await s3.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it("efs-initialiser: the zip's index.js initialises from its own seed, then is a no-op", async () => {
    const bundle = unzipTo(buildLambdaZip({ name: "efs-initialiser", outDir: tempDir(), seedDir: seedDir() }).zipPath);
    const mount = tempDir();
    const env = { PI_EFS_MOUNT_PATH: mount, PI_EFS_UID: "4242", PI_EFS_GID: "4343" };

    expect(await invokeBundle(bundle, {}, env)).toMatchObject({ noop: false, created: 9, copied: 2 });
    expect(read(mount, "themes/piBerry/style.css")).toBe(SEED["themes/piBerry/style.css"]);
    expect(await invokeBundle(bundle, {}, env)).toMatchObject({ noop: true });
    expect(await invokeBundle(bundle, { reseeed: true }, env)).toEqual({ thrown: expect.stringMatching(/unknown event field\(s\): reseeed/) });
  });

  it("upload-sync: the zip's index.js mirrors an object from S3 with the runtime's default client", async () => {
    const bundle = unzipTo(buildLambdaZip({ name: "upload-sync", outDir: tempDir() }).zipPath);
    const mount = tempDir();
    mkdirSync(join(mount, "themes"));
    await putObject(s3.client, "pi-uploads", "themes/piBerry Wider Tables/style.css", "wide");
    const event = { Records: [s3Record("ObjectCreated:Put", "pi-uploads", encodeEventKey("themes/piBerry Wider Tables/style.css"), "0A")] };

    // new S3Client({}) configured purely from the environment, as in Lambda (path-style follows from the IP endpoint).
    const result = await invokeBundle(bundle, event, {
      PI_EFS_MOUNT_PATH: mount,
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
      AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
    });

    expect(result).toMatchObject({ written: 1, rejected: [] });
    expect(read(mount, "themes/piBerry Wider Tables/style.css")).toBe("wide");
    expect(existsSync(join(mount, "keys"))).toBe(false);
  });
});
