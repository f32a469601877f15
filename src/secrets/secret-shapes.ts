/**
 * The one list of what a secret looks like, by variable name and by value shape. The config preflight, the compute
 * tier's synth-time guard and the policy rules PI-ECS-005 / PI-LAM-003 all judge with these two functions, so a value the
 * config refuses is one the policy fails (trivy AWS-0036, checkov CKV_AWS_45, Security Hub ECS.8).
 */

/** Name segments (split on `_`, `-`, `.`) that mean the variable holds a secret: `SMTP_PASS`, `DB_PWD`, `PI_LICENCE`. */
const SECRET_SEGMENTS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "token",
  "credential",
  "credentials",
  "licence",
  "license",
  "apikey",
  "auth",
]);

/** Name substrings that mean a secret wherever they stand (`MYAPIKEY`, `GITHUB_TOKEN2`). */
const SECRET_SUBSTRINGS = [
  "password",
  "passwd",
  "secret",
  "token",
  "api_key",
  "apikey",
  "private_key",
  "privatekey",
  "credential",
  "licence",
  "license",
  "ecs_engine_auth_data",
];

/** Exact names of credentials. */
const SECRET_NAMES = new Set(["aws_access_key_id", "aws_secret_access_key", "aws_session_token"]);

/** A name that points at a secret (`DB_SECRET_ARN`, `TOKEN_SECRET_NAME`, `LICENCE_PATH`) does not hold one. */
const POINTER_SUFFIXES = ["_arn", "_name", "_id", "_path", "_file", "_url", "_uri", "_header", "_ttl", "_expiry", "_enabled"];

/** True when an environment variable's name says it holds a secret. */
export function secretLikeName(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_NAMES.has(lower)) return true;
  if (POINTER_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return false;
  if (lower.endsWith("_key") || lower === "key") return true;
  if (lower.split(/[_.-]+/).some((segment) => SECRET_SEGMENTS.has(segment))) return true;
  return SECRET_SUBSTRINGS.some((token) => lower.includes(token));
}

/** Value shapes of credentials, each with what it is (shown in messages). */
export const SECRET_VALUE_SHAPES: ReadonlyArray<{ readonly what: string; readonly pattern: RegExp }> = [
  { what: "an AWS access key id", pattern: /\b(AKIA|ASIA|A3T[A-Z0-9])[A-Z0-9]{16}\b/ },
  { what: "a private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { what: "a GitHub token", pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: "a Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { what: "a Slack webhook URL", pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
  { what: "a GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { what: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: "a Stripe secret key", pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}/ },
  { what: "an npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: "a JSON Web Token", pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./ },
  { what: "a password in a URL", pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i },
  { what: "a password parameter in a connection string", pattern: /(^|[;?&])\s*(password|pwd)\s*=\s*[^;&\s]+/i },
  { what: "a key in a connection string", pattern: /(^|[;?&])\s*(AccountKey|SharedAccessKey|SharedAccessSignature|sig)\s*=\s*[^;&\s]{16,}/i },
];

/** Which credential shape a value has, or undefined: the shapes above, then a long high-entropy token. */
export function secretShapeOf(value: string): string | undefined {
  const shape = SECRET_VALUE_SHAPES.find((s) => s.pattern.test(value));
  if (shape) return shape.what;
  return highEntropyToken(value) ? "a high-entropy string (a generated key or password)" : undefined;
}

/** True when a value looks like a credential. */
export function secretLikeValue(value: string): boolean {
  return secretShapeOf(value) !== undefined;
}

/**
 * A single token of ≥ 32 characters, mixing three character classes, with ≥ 4.3 bits of Shannon entropy per character:
 * random base64/base62 keys score 4.8–5.5. ARNs, URLs, paths and Terraform references contain `:`, `/` or `${` and are
 * never tokens; hex digests stay under 4.0 bits by construction (16 symbols), so image digests pass.
 */
function highEntropyToken(value: string): boolean {
  if (value.length < 32 || /[\s:/$]/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  if (classes < 3) return false;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits >= 4.3;
}
