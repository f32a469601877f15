import { describe, expect, it } from "vitest";
import { secretLikeName, secretLikeValue, secretShapeOf } from "../../src/secrets/secret-shapes";

describe("secret-looking names", () => {
  it.each([
    "PI_LICENCE",
    "PI_DB_PASSWORD",
    "DB_PWD",
    "SMTP_PASS",
    "GITHUB_TOKEN",
    "MY_API_KEY",
    "SIGNING_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "ECS_ENGINE_AUTH_DATA",
    "LDAP_CREDENTIALS",
  ])("%s holds a secret", (name) => expect(secretLikeName(name)).toBe(true));
  it.each([
    "PI_DB_HOST",
    "PI_DB_PORT",
    "DB_SECRET_ARN",
    "TOKEN_SECRET_NAME",
    "PI_TOMCAT_MAX_MEMORY",
    "TZ",
    "BYPASS_PROXY",
    "PI_EFS_DIRECTORIES",
    "PASSWORD_FILE",
  ])("%s does not", (name) => expect(secretLikeName(name)).toBe(false));
});

describe("secret-looking values", () => {
  it.each([
    ["AKIAIOSFODNN7EXAMPLE", "an AWS access key id"],
    [`ghp_${"a1B2".repeat(9)}`, "a GitHub token"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIE", "a private key"],
    ["postgres://report:hunter2@db.example.com:5432/sales", "a password in a URL"],
    ["jdbc:sqlserver://db:1433;user=sa;password=Hunter2!", "a password parameter in a connection string"],
    ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".replace(/\//g, "+"), "a high-entropy string (a generated key or password)"],
    ["Password=hunter2;Server=db", "a password parameter in a connection string"],
    ["DefaultEndpointsProtocol=https;AccountName=pi;AccountKey=bm90LWEtcmVhbC1rZXktYXQtYWxs==", "a key in a connection string"],
    ["https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXX", "a Slack webhook URL"],
    ["glpat-abcdefghij0123456789", "a GitLab token"],
    ["AIza" + "Sy0123456789abcdefghijABCDEFGHIJ_-x", "a Google API key"],
    ["sk_live_" + "0123456789abcdefghijKLMN", "a Stripe secret key"],
    [`npm_${"a1B2c3D4".repeat(4)}e5F6`, "an npm token"],
  ])("%s is %s", (value, what) => expect(secretShapeOf(value)).toBe(what));
  it.each([
    "arn:aws:secretsmanager:eu-west-2:123456789012:secret:pi-licence-AbCdEf",
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "https://dashboard.example.com/pi",
    "Europe/London",
    "info,error,warn",
    "ThisIsAnOrdinaryConfigurationValue",
    "${aws_db_instance.database.address}",
  ])("%s is not a secret", (value) => expect(secretLikeValue(value)).toBe(false));
});
