/**
 * No secret in what Terraform sees: the synthesised JSON of every example, and the offline plan of the ephemeral and
 * production examples, carry no master password (RDS keeps it in Secrets Manager) and no literal secret. The plan part
 * is skipped with a notice where terraform is absent (as in terraform.test.ts), and required under CI=true.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { LICENCE_PLACEHOLDER } from "../../src/secrets/licence-placeholder";
import { noticeIfTerraformMissing, planExample, projectRoot as root, synthExample, terraform, terraformRequired as required } from "../support/terraform";

noticeIfTerraformMissing("the plan secret scan");

/** Literal secrets, wherever they appear in a JSON text. */
const SECRET_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ["a password with a value", /"(master_)?password(_wo)?"\s*:\s*"/],
  ["a literal Secrets Manager secret_string", /"secret_string(_wo)?"\s*:\s*"/],
  ["an AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["a PI_DB_PASSWORD value", /PI_DB_PASSWORD"\s*,\s*"value"/],
];

/** The licence secret's placeholder version is a fixed public text (licence-secret.ts), the one literal allowed. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const PLACEHOLDER = new RegExp(`"secret_string"\\s*:\\s*${escapeRegExp(JSON.stringify(LICENCE_PLACEHOLDER))}`, "g");

function secretsIn(text: string): string[] {
  const scanned = text.replace(PLACEHOLDER, '"secret_string": null');
  return SECRET_PATTERNS.filter(([, pattern]) => pattern.test(scanned)).map(([what]) => what);
}

describe("no secret in the synthesised JSON or the plan", () => {
  test("the patterns catch what they must", () => {
    expect(secretsIn('{"password": "hunter2"}')).toEqual(["a password with a value"]);
    expect(secretsIn('{"master_password":"x"}')).toEqual(["a password with a value"]);
    expect(secretsIn('{"secret_string": "{\\"password\\":\\"x\\"}"}')).toContain("a literal Secrets Manager secret_string");
    expect(secretsIn("AKIAABCDEFGHIJKLMNOP")).toEqual(["an AWS access key id"]);
    expect(secretsIn(JSON.stringify({ secret_string: LICENCE_PLACEHOLDER }))).toEqual([]);
    expect(secretsIn(JSON.stringify({ secret_string: `${LICENCE_PLACEHOLDER} ` }))).toContain("a literal Secrets Manager secret_string");
    expect(secretsIn('{"password": null, "password_wo": null, "manage_master_user_password": true}')).toEqual([]);
  });

  const examples = readdirSync(join(root, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.replace(/\.yaml$/, ""));
  test.each(examples)("examples/%s.yaml synthesises no password and no literal secret", (example) => {
    const out = synthExample(example);
    for (const stack of readdirSync(join(out, "stacks"))) {
      const text = readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8");
      expect(secretsIn(text), `${example}/${stack}`).toEqual([]);
      const json = JSON.parse(text);
      for (const [name, db] of Object.entries<Record<string, unknown>>(json.resource?.aws_db_instance ?? {})) {
        expect(db.manage_master_user_password, name).toBe(true);
        expect(
          Object.keys(db).filter((k) => k.startsWith("password")),
          name,
        ).toEqual([]);
      }
    }
  });

  test.runIf(required && !terraform.available)("terraform is required under CI=true", () => {
    expect.fail(`CI=true but ${terraform.available ? "" : terraform.reason}`);
  });

  test.runIf(terraform.available)(
    "the offline plans of the ephemeral and production examples hold no master password and no literal secret",
    async () => {
      const checks = await Promise.all(
        [
          ["ephemeral", "scratch"],
          ["production", "production"],
        ].map(async ([example, stack]) => [example, await planExample(example, stack)] as const),
      );
      for (const [example, result] of checks) {
        expect(result.failure, example).toBeUndefined();
        const text = readFileSync(result.planJsonPath!, "utf8");
        expect(secretsIn(text), example).toEqual([]);
        const plan = JSON.parse(text);
        const databases = (plan.resource_changes as Array<Record<string, any>>).filter((c) => c.type === "aws_db_instance");
        expect(databases.length, example).toBe(1);
        for (const change of databases) {
          const after = change.change.after;
          expect(after.manage_master_user_password).toBe(true);
          expect(after.password ?? null).toBeNull();
          expect(after.password_wo ?? null).toBeNull();
          // The secret exists only after apply, inside Secrets Manager: the plan knows nothing of it.
          expect(change.change.after_unknown.master_user_secret).toBe(true);
        }
      }
    },
    180_000,
  );
});
