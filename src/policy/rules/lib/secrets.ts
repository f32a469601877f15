/** What a secret looks like in an environment variable (trivy AWS-0036, checkov CKV_AWS_45, Security Hub ECS.8). */

const NAME_TOKENS = [
  "password",
  "passwd",
  "secret",
  "token",
  "api_key",
  "apikey",
  "private_key",
  "aws_access_key_id",
  "aws_secret_access_key",
  "ecs_engine_auth_data",
];

const VALUE_PATTERNS = [
  /\b(AKIA|ASIA|A3T[A-Z0-9])[A-Z0-9]{16}\b/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bgh[pousr]_[A-Za-z0-9]{36}\b/, // GitHub token
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // Slack token
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./, // JWT
];

/** A name that points at a secret (`DB_SECRET_ARN`, `TOKEN_SECRET_NAME`) does not hold one. */
const POINTER_SUFFIXES = ["_arn", "_name"];

export const secretLikeName = (name: string): boolean => {
  const lower = name.toLowerCase();
  return NAME_TOKENS.some((t) => lower.includes(t)) && !POINTER_SUFFIXES.some((s) => lower.endsWith(s));
};

export const secretLikeValue = (value: string): boolean => VALUE_PATTERNS.some((p) => p.test(value));
