import { describe, expect, it } from "vitest";
import { initialiserConfigFromEnv } from "../../lambda-src/efs-initialiser/config";
import { parseInitialiserEvent } from "../../lambda-src/efs-initialiser/event";
import { chownTarget } from "../../lambda-src/shared/ownership";
import { uploadSyncConfigFromEnv } from "../../lambda-src/upload-sync/config";

const IDS = { PI_EFS_UID: "1000", PI_EFS_GID: "1001" };

describe("initialiser environment", () => {
  it("defaults to the Panintelligence directories under /mnt/efs, keys owner-only", () => {
    const config = initialiserConfigFromEnv(IDS);
    expect(config.mountPath).toBe("/mnt/efs");
    expect(config.owner).toEqual({ uid: 1000, gid: 1001 });
    expect(config.directories.map((dir) => `${dir.name}:${dir.mode.toString(8)}`)).toEqual([
      "themes:755",
      "images:755",
      "files:755",
      "svg:755",
      "locale:755",
      "custom_jdbc:755",
      "keys:700",
      "excel-data:755",
    ]);
    expect([config.fileMode, config.lockStaleMs]).toEqual([0o644, 900_000]);
  });

  it("reads directories with optional modes, the default modes and the stale time", () => {
    const config = initialiserConfigFromEnv({
      ...IDS,
      PI_EFS_DIRECTORIES: " themes , keys:0700,reports:750",
      PI_EFS_DIR_MODE: "0770",
      PI_EFS_FILE_MODE: "0640",
      PI_LOCK_STALE_SECONDS: "120",
    });
    expect(config.directories).toEqual([
      { name: "themes", mode: 0o770 },
      { name: "keys", mode: 0o700 },
      { name: "reports", mode: 0o750 },
    ]);
    expect([config.fileMode, config.lockStaleMs]).toEqual([0o640, 120_000]);
  });

  it.each([
    [{}, /PI_EFS_UID and PI_EFS_GID are required/],
    [{ PI_EFS_UID: "1000" }, /both PI_EFS_UID and PI_EFS_GID/],
    [{ ...IDS, PI_EFS_UID: "-1" }, /PI_EFS_UID must be a numeric id/],
    [{ ...IDS, PI_EFS_DIRECTORIES: "themes,../etc" }, /"\.\.\/etc" is not a plain directory name/],
    [{ ...IDS, PI_EFS_DIRECTORIES: ".pi-sync-state" }, /not a plain directory name/],
    [{ ...IDS, PI_EFS_DIRECTORIES: "themes,themes" }, /lists a directory twice/],
    [{ ...IDS, PI_EFS_FILE_MODE: "0999" }, /octal mode/],
    [{ ...IDS, PI_EFS_MOUNT_PATH: "mnt/efs" }, /absolute path/],
    [{ ...IDS, PI_LOCK_STALE_SECONDS: "0" }, /positive integer/],
  ])("rejects %j", (env, message) => {
    expect(() => initialiserConfigFromEnv(env)).toThrow(message);
  });
});

describe("upload-sync environment", () => {
  it("allows the upload directories but not keys by default; the owner is optional", () => {
    expect(uploadSyncConfigFromEnv({})).toEqual({
      mountPath: "/mnt/efs",
      allowedPrefixes: ["images", "themes", "files", "svg", "locale", "custom_jdbc"],
    });
    expect(uploadSyncConfigFromEnv({ PI_SYNC_ALLOWED_PREFIXES: "images", ...IDS })).toEqual({
      mountPath: "/mnt/efs",
      allowedPrefixes: ["images"],
      owner: { uid: 1000, gid: 1001 },
    });
    expect(() => uploadSyncConfigFromEnv({ PI_SYNC_ALLOWED_PREFIXES: " , " })).toThrow(/lists no directory/);
  });
});

describe("initialiser event", () => {
  it.each([
    [{}, { skip: false, reseed: "none" }],
    [null, { skip: false, reseed: "none" }],
    [{ reseed: true }, { skip: false, reseed: "seeded" }],
    [{ reseed: ["themes"] }, { skip: false, reseed: ["themes"] }],
    [{ tf: { action: "create", prev_input: null } }, { skip: false, reseed: "none" }],
    [{ tf: { action: "delete" } }, { skip: true, reseed: "none" }],
  ])("reads %j", (event, request) => {
    expect(parseInitialiserEvent(event)).toEqual(request);
  });

  it.each([[{ reseed: "yes" }], [{ reseed: [] }], [{ force: true }], [[]], ["{}"]])("rejects %j", (event) => {
    expect(() => parseInitialiserEvent(event)).toThrow();
  });
});

describe("chownTarget", () => {
  const owner = { uid: 1000, gid: 1001 };
  it("chowns only when running as root and an owner is configured", () => {
    expect(chownTarget(owner, 0)).toEqual(owner);
    expect(chownTarget(owner, 993)).toBeUndefined(); // Lambda's sandbox user behind an access point
    expect(chownTarget(undefined, 0)).toBeUndefined();
  });
});
