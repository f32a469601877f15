import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { S3Event, S3EventRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, type UploadSyncOptions } from "../../lambda-src/upload-sync/handler";
import { DEFAULT_ALLOWED_PREFIXES } from "../../lambda-src/upload-sync/config";
import { walk } from "./helpers/files";
import { captureLogger } from "./helpers/logger";
import { deleteObject, encodeEventKey, type LocalS3, putObject, s3Record, startLocalS3 } from "./helpers/s3";
import { tempDir } from "./helpers/temp-dir";

const BUCKET = "pi-uploads";
const PREFIXES = DEFAULT_ALLOWED_PREFIXES.split(",");
let s3: LocalS3;
let serverDir: string;

beforeAll(async () => {
  serverDir = mkdtempSync(join(tmpdir(), "pi-s3rver-"));
  s3 = await startLocalS3(serverDir, [BUCKET]);
});

afterAll(async () => {
  await s3.close();
  rmSync(serverDir, { recursive: true, force: true });
});

function setUp(overrides: Partial<UploadSyncOptions> = {}) {
  const mount = tempDir();
  const logger = captureLogger();
  const handler = createHandler({ objects: s3.objects, mountPath: mount, allowedPrefixes: PREFIXES, logger, ...overrides });
  const send = (...records: S3EventRecord[]) => handler({ Records: records } as S3Event);
  const read = (path: string) => readFileSync(join(mount, path), "utf8");
  return { mount, logger, send, read };
}

const created = (key: string, sequencer: string) => s3Record("ObjectCreated:Put", BUCKET, encodeEventKey(key), sequencer);
const removed = (key: string, sequencer: string) => s3Record("ObjectRemoved:Delete", BUCKET, encodeEventKey(key), sequencer);

describe("upload sync against a real S3 server", () => {
  it("creates, overwrites and deletes the mirrored file", async () => {
    const { mount, send, read } = setUp();
    await putObject(s3.client, BUCKET, "images/logo.png", "v1");
    expect(await send(created("images/logo.png", "0055AED6DCD90281E5"))).toMatchObject({ written: 1, deleted: 0 });
    expect(read("images/logo.png")).toBe("v1");
    expect(statSync(join(mount, "images/logo.png")).mode & 0o777).toBe(0o644);

    await putObject(s3.client, BUCKET, "images/logo.png", "v2 is longer");
    await send(created("images/logo.png", "0055AED6DCD90281F0"));
    expect(read("images/logo.png")).toBe("v2 is longer");

    await deleteObject(s3.client, BUCKET, "images/logo.png");
    expect(await send(removed("images/logo.png", "0055AED6DCD9028200"))).toMatchObject({ written: 0, deleted: 1 });
    expect(existsSync(join(mount, "images/logo.png"))).toBe(false);
    // No temp files left beside the target.
    expect(walk(join(mount, "images"))).toEqual([]);
  });

  it("decodes keys with spaces, '+' and unicode the way S3 encodes them", async () => {
    const { send, read } = setUp();
    const keys = ["themes/piBerry Wider Tables/style.css", "images/a+b=c.png", "images/café/ünïcødé 日本.png"];
    for (const key of keys) await putObject(s3.client, BUCKET, key, `content of ${key}`);
    const summary = await send(...keys.map((key, i) => created(key, `00A${i}`)));
    expect(summary).toMatchObject({ written: 3, rejected: [] });
    for (const key of keys) expect(read(key)).toBe(`content of ${key}`);
  });

  it("ignores a duplicate delivery", async () => {
    const { send, read, mount } = setUp();
    await putObject(s3.client, BUCKET, "files/report.pdf", "report");
    await send(created("files/report.pdf", "10"));
    writeFileSync(join(mount, "files/report.pdf"), "changed on EFS since");
    const summary = await send(created("files/report.pdf", "10"));
    expect(summary.written).toBe(0);
    expect(summary.skipped).toEqual([{ key: "files/report.pdf", reason: "an event as new or newer was already applied" }]);
    expect(read("files/report.pdf")).toBe("changed on EFS since");
  });

  it("never lets an older event overwrite a newer file", async () => {
    const { send, read } = setUp();
    await putObject(s3.client, BUCKET, "themes/a.css", "v2");
    await send(created("themes/a.css", "0000000002"));
    // S3 now holds a v3 whose event is still in flight; the late v1 event must not fetch and publish it.
    await putObject(s3.client, BUCKET, "themes/a.css", "v3");
    expect((await send(created("themes/a.css", "0000000001"))).written).toBe(0);
    expect(read("themes/a.css")).toBe("v2");
  });

  it("never lets an older create resurrect a deleted file", async () => {
    const { send, mount } = setUp();
    await putObject(s3.client, BUCKET, "svg/map.svg", "<svg/>");
    const summary = await send(removed("svg/map.svg", "30"), created("svg/map.svg", "20"));
    expect(summary).toMatchObject({ written: 0, deleted: 1 });
    expect(existsSync(join(mount, "svg/map.svg"))).toBe(false);
  });

  it("orders sequencers of different lengths numerically, not as plain strings", async () => {
    const { send, read } = setUp();
    await putObject(s3.client, BUCKET, "locale/messages.properties", "old");
    await send(created("locale/messages.properties", "FF"));
    await putObject(s3.client, BUCKET, "locale/messages.properties", "new");
    // "100" < "FF" as strings, but 0x100 > 0xFF: this event is newer.
    expect((await send(created("locale/messages.properties", "100"))).written).toBe(1);
    expect(read("locale/messages.properties")).toBe("new");
  });

  it("applies concurrent deliveries for one key in sequencer order", async () => {
    const { send, mount } = setUp();
    await putObject(s3.client, BUCKET, "files/book.xlsx", "x".repeat(200_000));
    await Promise.all([send(created("files/book.xlsx", "0A")), send(removed("files/book.xlsx", "0B"))]);
    expect(existsSync(join(mount, "files/book.xlsx"))).toBe(false);
  });

  it("skips a create whose object is already gone (its delete event follows)", async () => {
    const { send } = setUp();
    const summary = await send(created("images/never-there.png", "05"));
    expect(summary.skipped).toEqual([{ key: "images/never-there.png", reason: "object no longer exists; its delete event follows" }]);
  });

  it("throws on real I/O failures after processing the rest of the batch", async () => {
    const { send, mount, logger, read } = setUp();
    mkdirSync(join(mount, "images"));
    writeFileSync(join(mount, "images/blocked"), "a file where a directory is needed");
    await putObject(s3.client, BUCKET, "images/blocked/x.png", "x");
    await putObject(s3.client, BUCKET, "images/ok.png", "ok");

    await expect(send(created("images/blocked/x.png", "01"), created("images/ok.png", "02"))).rejects.toThrow(
      /1 record\(s\) failed: .*images\/blocked exists but is not a directory/,
    );
    expect(read("images/ok.png")).toBe("ok");
    expect(logger.lines.filter((line) => line.level === "error")).toHaveLength(1);
  });

  it("throws when the EFS mount is missing, creating nothing", async () => {
    const root = tempDir();
    const handler = createHandler({ objects: s3.objects, mountPath: join(root, "mnt"), allowedPrefixes: PREFIXES, logger: captureLogger() });
    await putObject(s3.client, BUCKET, "images/a.png", "a");
    await expect(handler({ Records: [created("images/a.png", "01")] })).rejects.toThrow(/is not a directory: is the EFS access point mounted/);
    expect(walk(root)).toEqual([]);
  });

  it("throws when S3 fails, so Lambda retries and the DLQ gets the event", async () => {
    const { send } = setUp();
    const record = s3Record("ObjectCreated:Put", "no-such-bucket", "images/a.png", "01");
    await expect(send(record)).rejects.toThrow(/1 record\(s\) failed/);
  });
});

describe("upload sync with hostile keys", () => {
  // A stand-in S3 that serves a body for any key: a real server refuses to store many of these keys, which would hide
  // a validation bug behind a NoSuchKey. If a key got past validation, "pwned" would land on disk and the walk sees it.
  const anyKeyS3: UploadSyncOptions["objects"] = { getObject: async () => Readable.from(["pwned"]) };

  const HOSTILE: readonly (readonly [string, RegExp])[] = [
    ["images/../keys/dashboard.key", /"\.\." segment/],
    ["images/%2e%2e/%2e%2e/etc/passwd", /"\.\." segment/],
    ["images%2F..%2F..%2Fetc%2Fpasswd", /"\.\." segment/],
    ["images/..%2F..%2Foutside.txt", /"\.\." segment/],
    ["%2E%2E%2Fimages/x.png", /"\.\." segment/],
    ["images/./x.png", /"\." segment/],
    ["/images/abs.png", /absolute path/],
    ["%2Fetc%2Fpasswd", /absolute path/],
    ["images/a%5C..%5C..%5Coutside.txt", /backslash/],
    ["images/nul%00.png", /control character/],
    ["images/new%0Aline.png", /control character/],
    ["", /empty path/],
    ["images//double.png", /empty path segment/],
    ["images/", /trailing slash/],
    ["images", /no file below the directory/],
    [`images/${"a".repeat(256)}.png`, /segment longer than 255 bytes/],
    [`images/${"abcdefghi/".repeat(110)}x.png`, /longer than 1024 bytes/],
    ["keys/dashboard.key", /prefix "keys" is not an allowed directory/],
    ["unknown/file.txt", /prefix "unknown"/],
    ["Images/case.png", /prefix "Images"/],
    [".pi-sync-state/00/state.json", /prefix "\.pi-sync-state"/],
    ["images/.pi-sync-0123456789abcdef.tmp", /reserved/],
    ["images/%E0%A4%A.png", /malformed percent-encoding/],
  ];

  it.each([
    ["the s3rver", () => s3.objects],
    ["a stand-in serving any key", () => anyKeyS3],
  ])(`rejects each of ${HOSTILE.length} hostile keys with a logged reason and writes nothing anywhere (%s)`, async (_name, client) => {
    const root = tempDir();
    const mount = join(root, "mnt");
    mkdirSync(mount);
    const logger = captureLogger();
    const handler = createHandler({ objects: client(), mountPath: mount, allowedPrefixes: PREFIXES, logger });
    const records = HOSTILE.map(([key], i) => s3Record("ObjectCreated:Put", BUCKET, key, (i + 1).toString(16)));

    const summary = await handler({ Records: records });

    expect(summary.written).toBe(0);
    expect(summary.rejected.map((note) => note.key)).toEqual(HOSTILE.map(([key]) => key));
    for (const [i, [key, reason]] of HOSTILE.entries()) {
      expect([key, summary.rejected[i]?.reason]).toEqual([key, expect.stringMatching(reason)]);
    }
    expect(logger.lines.filter((line) => line.level === "warn" && line.message === "rejected")).toHaveLength(HOSTILE.length);
    expect(walk(root)).toEqual(["mnt/"]);
  });

  it("keeps accepted look-alike keys inside their directory, and one hostile key does not poison the batch", async () => {
    const root = tempDir();
    const mount = join(root, "mnt");
    mkdirSync(mount);
    const handler = createHandler({ objects: anyKeyS3, mountPath: mount, allowedPrefixes: PREFIXES, logger: captureLogger() });
    const lookAlikes = ["images/\uFF0E\uFF0E/fullwidth-dots.png", "images/\u202Egnp.exe", "images/...", "images/ space .png"];
    const records = [
      s3Record("ObjectCreated:Put", BUCKET, "images/../../escape.png", "01"),
      ...lookAlikes.map((key, i) => s3Record("ObjectCreated:Put", BUCKET, encodeEventKey(key), `1${i}`)),
    ];

    const summary = await handler({ Records: records });

    expect(summary).toMatchObject({ written: lookAlikes.length, rejected: [{ key: "images/../../escape.png" }] });
    const files = walk(root).filter((path) => !path.endsWith("/"));
    const mirrored = files.filter((path) => !path.startsWith("mnt/.pi-sync-state/"));
    expect(mirrored.sort()).toEqual(lookAlikes.map((key) => `mnt/${key}`).sort());
    expect(files.every((path) => path.startsWith("mnt/images/") || path.startsWith("mnt/.pi-sync-state/"))).toBe(true);
  });

  it("answers the s3:TestEvent S3 sends when the notification is set up", async () => {
    const { mount } = setUp();
    const handler = createHandler({ objects: s3.objects, mountPath: mount, allowedPrefixes: PREFIXES, logger: captureLogger() });
    const testEvent = { Service: "Amazon S3", Event: "s3:TestEvent", Time: "2025-01-01T00:00:00.000Z", Bucket: BUCKET };
    expect(await handler(testEvent as unknown as S3Event)).toEqual({ written: 0, deleted: 0, skipped: [], rejected: [] });
  });

  it("rejects unsupported event types and malformed sequencers", async () => {
    const { send } = setUp();
    const summary = await send(
      s3Record("ObjectRestore:Completed", BUCKET, "images/a.png", "01"),
      s3Record("ObjectCreated:Put", BUCKET, "images/a.png", "not-hex"),
    );
    expect(summary.rejected.map((note) => note.reason)).toEqual(["unsupported event ObjectRestore:Completed", "missing or malformed sequencer"]);
  });
});
