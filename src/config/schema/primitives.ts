/** Reusable, documented value types for the configuration schema. Each error message says what is allowed. */
import { z } from "zod";
import { parseCidr } from "../cidr";

export const awsRegion = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, {
  error: "must be an AWS region code such as eu-west-2 or us-east-1",
});

export const awsAccountId = z
  .string({
    // YAML reads an unquoted id as a number and drops its leading zeros: say so, with the quoted value to write.
    error: (issue) =>
      typeof issue.input === "number"
        ? `must be quoted: YAML read it as the number ${issue.input}, which loses any leading zero; write it as a 12-digit string, ` +
          `e.g. accountId: "${Number.isSafeInteger(issue.input) && issue.input >= 0 ? String(issue.input).padStart(12, "0") : "123456789012"}"`
        : undefined,
  })
  .regex(/^\d{12}$/, {
    error: 'must be a 12-digit AWS account id, quoted in YAML (e.g. "123456789012")',
  });

export const ipv4Cidr = z.string().refine((value) => parseCidr(value) !== undefined, {
  error: "must be an IPv4 CIDR block a.b.c.d/n with no host bits set (e.g. 10.0.0.0/16)",
});

/** Lower-case DNS-label style names: valid for every AWS resource name we derive from them. */
export const resourceName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, {
    error: "must start with a letter, end with a letter or digit, and use only a-z, 0-9 and '-'",
  })
  .refine((value) => !value.includes("--"), { error: "must not contain '--'" });

/** The values CloudWatch Logs accepts for retention_in_days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const logRetentionDays = z.literal(LOG_RETENTION_DAYS, {
  error: `must be one of the CloudWatch Logs retention values: ${LOG_RETENTION_DAYS.join(", ")}`,
});

export const tagMap = z.record(
  z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w .:/=+\-@]+$/, { error: "tag keys use letters, digits, spaces and _.:/=+-@" })
    .refine((key) => !key.startsWith("aws:"), { error: "the aws: prefix is reserved by AWS" }),
  z.string().max(256),
);
