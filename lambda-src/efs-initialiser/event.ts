/**
 * What the invocation asks for. Input shapes:
 *   {}                                  create what is missing, copy absent seed files (no-op when the marker matches)
 *   { "reseed": true }                  first move the current content of every directory the seed fills aside
 *   { "reseed": ["themes", "locale"] }  same for the listed directories
 *   { "tf": { "action": "delete" } }    aws_lambda_invocation with lifecycle_scope CRUD on destroy: do nothing
 */
export interface InitialiserRequest {
  readonly skip: boolean;
  /** "seeded" = every directory the seed has files for. */
  readonly reseed: "none" | "seeded" | readonly string[];
}

export function parseInitialiserEvent(event: unknown): InitialiserRequest {
  const input = (event ?? {}) as Record<string, unknown>;
  if (typeof input !== "object" || Array.isArray(input)) throw new Error("event must be a JSON object");
  const unknownKeys = Object.keys(input).filter((key) => key !== "reseed" && key !== "tf");
  if (unknownKeys.length > 0) throw new Error(`unknown event field(s): ${unknownKeys.join(", ")} (expected reseed, tf)`);
  const tf = input.tf as { readonly action?: unknown } | undefined;
  return { skip: tf?.action === "delete", reseed: parseReseed(input.reseed) };
}

function parseReseed(value: unknown): InitialiserRequest["reseed"] {
  if (value === undefined || value === false) return "none";
  if (value === true) return "seeded";
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string")) return value;
  throw new Error('"reseed" must be true, false or a non-empty list of directory names');
}
