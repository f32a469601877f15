import { chmodSync, existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MARKER_FILE, readMarker } from "../../lambda-src/efs-initialiser/marker";
import { EMPTY_SEED_MANIFEST } from "../../lambda-src/efs-initialiser/seed-manifest";
import { read, walk, writeTree } from "./helpers/files";
import { DEFAULT_DIRS, init, makeSeed, TEST_GID, TEST_UID, testConfig } from "./helpers/initialiser";
import { tempDir } from "./helpers/temp-dir";

const SEED = {
  "themes/piBerry/style.css": "body { color: purple }",
  "themes/piBerry Wider Tables/style.css": "table { width: 100% }",
  "locale/messages.properties": "hello=Hello",
  "images/logo.svg": "<svg/>",
};

describe("efs initialiser", () => {
  it("first run creates every directory and copies the seed", async () => {
    const mount = tempDir();
    const summary = await init({ config: testConfig(mount), seed: makeSeed(SEED) });

    expect(summary).toMatchObject({ noop: false, copied: 4, skipped: 0, archived: 0 });
    // 8 top-level directories plus themes/piBerry and "themes/piBerry Wider Tables".
    expect(summary.created).toBe(10);
    expect(readdirSync(mount).sort()).toEqual([...DEFAULT_DIRS, MARKER_FILE].sort());
    for (const [path, content] of Object.entries(SEED)) expect(read(mount, path)).toBe(content);
    expect(statSync(join(mount, "keys")).mode & 0o777).toBe(0o700);
    expect(statSync(join(mount, "themes")).mode & 0o777).toBe(0o755);
    expect(statSync(join(mount, "themes/piBerry/style.css")).mode & 0o777).toBe(0o644);
    const marker = await readMarker(join(mount, MARKER_FILE));
    expect(marker).toMatchObject({ tool: "pi-efs-initialiser", seedHash: summary.seedHash, counts: { copied: 4, created: 10 } });
  });

  it("second run with the same seed and layout is a no-op that touches nothing", async () => {
    const mount = tempDir();
    const seed = makeSeed(SEED);
    await init({ config: testConfig(mount), seed });
    const before = walk(mount).map((path) => `${path} ${statSync(join(mount, path)).mtimeMs}`);

    const summary = await init({ config: testConfig(mount), seed });

    expect(summary).toMatchObject({ noop: true, created: 0, copied: 0, skipped: 0 });
    expect(walk(mount).map((path) => `${path} ${statSync(join(mount, path)).mtimeMs}`)).toEqual(before);
  });

  it("keeps user changes across a re-run and a seed change, adding only absent files", async () => {
    const mount = tempDir();
    await init({ config: testConfig(mount), seed: makeSeed(SEED) });
    writeFileSync(join(mount, "themes/piBerry/style.css"), "user edit");
    writeFileSync(join(mount, "images/uploaded.png"), "user upload");
    writeFileSync(join(mount, "keys/dashboard.key"), "secret");

    const changed = makeSeed({ ...SEED, "themes/piBerry/style.css": "seed v2", "themes/piDaily/style.css": "new theme" });
    const summary = await init({ config: testConfig(mount), seed: changed });

    expect(summary).toMatchObject({ noop: false, copied: 1, skipped: 4 });
    expect(read(mount, "themes/piBerry/style.css")).toBe("user edit");
    expect(read(mount, "themes/piDaily/style.css")).toBe("new theme");
    expect(read(mount, "images/uploaded.png")).toBe("user upload");
    expect(read(mount, "keys/dashboard.key")).toBe("secret");
    expect((await readMarker(join(mount, MARKER_FILE)))?.seedHash).toBe(changed.manifest.hash);
  });

  it("never deletes: files dropped from the seed stay on EFS", async () => {
    const mount = tempDir();
    await init({ config: testConfig(mount), seed: makeSeed(SEED) });
    await init({ config: testConfig(mount), seed: makeSeed({ "locale/messages.properties": "hello=Hi" }) });
    for (const [path, content] of Object.entries(SEED)) expect(read(mount, path)).toBe(content);
  });

  it("recreates a missing directory when the layout changes", async () => {
    const mount = tempDir();
    const seed = makeSeed(SEED);
    await init({ config: testConfig(mount), seed });
    const summary = await init({ config: testConfig(mount, { PI_EFS_DIRECTORIES: `${DEFAULT_DIRS.join(",")},reports` }), seed });
    expect(summary).toMatchObject({ noop: false, created: 1, copied: 0, skipped: 4 });
    expect(statSync(join(mount, "reports")).isDirectory()).toBe(true);
  });

  it("two concurrent runs produce one consistent result", async () => {
    const mount = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i += 1) files[`themes/t${i % 7}/f${i}.css`] = `content ${i}`;
    const seed = makeSeed(files);

    const results = await Promise.all([init({ config: testConfig(mount), seed }), init({ config: testConfig(mount), seed })]);

    expect(results.map((result) => result.noop).sort()).toEqual([false, true]);
    expect(results.reduce((sum, result) => sum + result.copied, 0)).toBe(300);
    for (const [path, content] of Object.entries(files)) expect(read(mount, path)).toBe(content);
    expect(
      readdirSync(mount)
        .filter((name) => name.startsWith(".pi-init"))
        .sort(),
    ).toEqual([MARKER_FILE]);
  });

  it("waits for a live lock and fails with the reason when it does not go away", async () => {
    const mount = tempDir();
    writeFileSync(join(mount, ".pi-init.lock"), JSON.stringify({ id: "other-run" }));
    const run = init({ config: testConfig(mount), seed: makeSeed(SEED), lockWaitMs: 300 });
    await expect(run).rejects.toThrow(/still held after waiting 300 ms \(holder: .*other-run/);
    expect(existsSync(join(mount, "themes"))).toBe(false);
  });

  it("breaks a stale lock left by a crashed run", async () => {
    const mount = tempDir();
    const lock = join(mount, ".pi-init.lock");
    writeFileSync(lock, JSON.stringify({ id: "crashed-run" }));
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);

    const summary = await init({ config: testConfig(mount, { PI_LOCK_STALE_SECONDS: "60" }), seed: makeSeed(SEED), lockWaitMs: 0 });

    expect(summary.copied).toBe(4);
    expect(existsSync(lock)).toBe(false);
  });

  it("reseed moves current content aside to a dated folder, then seeds again; nothing is deleted", async () => {
    const mount = tempDir();
    await init({ config: testConfig(mount), seed: makeSeed(SEED) });
    writeFileSync(join(mount, "themes/piBerry/style.css"), "user edit");
    writeFileSync(join(mount, "themes/custom.css"), "user theme");
    writeFileSync(join(mount, "keys/dashboard.key"), "secret");

    const summary = await init({
      config: testConfig(mount),
      seed: makeSeed(SEED),
      request: { skip: false, reseed: ["themes"] },
      now: () => new Date("2025-03-04T05:06:07.089Z"),
    });

    expect(summary).toMatchObject({ noop: false, archived: 3, copied: 2, skipped: 2 });
    expect(summary.archiveDir).toMatch(/^\.pi-init-archive\/2025-03-04T05-06-07-089Z-[0-9a-f]{4}$/);
    const archived = join(mount, summary.archiveDir ?? "", "themes");
    expect(read(archived, "piBerry/style.css")).toBe("user edit");
    expect(read(archived, "custom.css")).toBe("user theme");
    expect(read(archived, "piBerry Wider Tables/style.css")).toBe(SEED["themes/piBerry Wider Tables/style.css"]);
    expect(read(mount, "themes/piBerry/style.css")).toBe(SEED["themes/piBerry/style.css"]);
    expect(existsSync(join(mount, "themes/custom.css"))).toBe(false);
    expect(read(mount, "keys/dashboard.key")).toBe("secret");
  });

  it('reseed "true" covers exactly the directories the seed fills', async () => {
    const mount = tempDir();
    const seed = makeSeed(SEED);
    await init({ config: testConfig(mount), seed });
    writeFileSync(join(mount, "files/report.pdf"), "user file");

    const summary = await init({ config: testConfig(mount), seed, request: { skip: false, reseed: "seeded" } });

    // themes/piBerry, "themes/piBerry Wider Tables", locale/messages.properties, images/logo.svg; not files/.
    expect(summary.archived).toBe(4);
    expect(read(mount, "files/report.pdf")).toBe("user file");
  });

  it("does nothing on a Terraform delete", async () => {
    const mount = tempDir();
    const summary = await init({ config: testConfig(mount), seed: makeSeed(SEED), request: { skip: true, reseed: "none" } });
    expect(summary.noop).toBe(true);
    expect(readdirSync(mount)).toEqual([]);
  });

  it("throws with the reason when the seed does not fit the configured directories", async () => {
    const mount = tempDir();
    const seed = makeSeed({ "reports/a.txt": "x" });
    await expect(init({ config: testConfig(mount), seed })).rejects.toThrow(/"reports", which is not in PI_EFS_DIRECTORIES/);
  });

  it("throws when it cannot write, and leaves no marker", async () => {
    const mount = tempDir();
    writeTree(mount, { themes: "a file where a directory belongs" });
    await expect(init({ config: testConfig(mount), seed: makeSeed(SEED) })).rejects.toThrow(/themes exists but is not a directory/);
    expect(existsSync(join(mount, MARKER_FILE))).toBe(false);
    expect(existsSync(join(mount, ".pi-init.lock"))).toBe(false);
  });

  it("says so when the EFS mount is missing", async () => {
    const mount = join(tempDir(), "not-mounted");
    await expect(init({ config: testConfig(mount), seed: makeSeed(SEED) })).rejects.toThrow(/not-mounted is not a directory: is the EFS access point mounted/);
  });

  it("works without a seed", async () => {
    const mount = tempDir();
    const summary = await init({ config: testConfig(mount), seed: { dir: join(mount, "none"), manifest: EMPTY_SEED_MANIFEST } });
    expect(summary).toMatchObject({ noop: false, created: 8, copied: 0, seedHash: EMPTY_SEED_MANIFEST.hash });
  });
});

describe.skipIf(process.getuid?.() !== 0)("efs initialiser ownership (running as root)", () => {
  it("as root, chowns what it creates to the configured uid/gid", async () => {
    const mount = tempDir();
    await init({ config: testConfig(mount), seed: makeSeed(SEED) });
    for (const path of ["themes", "keys", "themes/piBerry", "themes/piBerry/style.css"]) {
      const stats = statSync(join(mount, path));
      expect([path, stats.uid, stats.gid]).toEqual([path, TEST_UID, TEST_GID]);
    }
  });

  it("as a non-root identity (an access point decides ownership), leaves ownership to the filesystem", async () => {
    const mount = tempDir();
    await init({ config: testConfig(mount), seed: makeSeed(SEED), processUid: 1000 });
    for (const path of ["themes", "themes/piBerry/style.css"]) expect(statSync(join(mount, path)).uid).toBe(0);
  });

  it("leaves existing directories' owner and mode alone", async () => {
    const mount = tempDir();
    writeTree(mount, { "themes/existing.css": "x" });
    chmodSync(join(mount, "themes"), 0o770);
    await init({ config: testConfig(mount), seed: makeSeed(SEED) });
    const stats = statSync(join(mount, "themes"));
    expect([stats.uid, stats.mode & 0o777]).toEqual([0, 0o770]);
  });
});
