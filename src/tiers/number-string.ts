/**
 * A number where Terraform or a JSON document needs a string ("1024": task sizes, container environment values). A
 * module passes the number as a variable (a cdktf token), so it becomes `tostring(...)` there instead of the token's
 * encoded double.
 */
import { Fn, Token } from "cdktf";

export function numberString(n: number): string {
  return Token.isUnresolved(n) ? stringified(Token.asString(Fn.tostring(n))) : String(n);
}

/** Tokens already wrapped in tostring() here: wrapping them again would only add a second call. */
const STRINGIFIED = new Set<string>();

function stringified(token: string): string {
  STRINGIFIED.add(token);
  return token;
}

/**
 * A value that must be a JSON string in a document (container `environment` values). An unresolved token typed as a
 * string may still be a number at apply time (`aws_db_instance.port`): the provider then refuses the container
 * definitions ("cannot unmarshal number into ... KeyValuePair.Environment.Value of type string"), which plan cannot see.
 */
export function documentString(value: string): string {
  return Token.isUnresolved(value) && !STRINGIFIED.has(value) ? stringified(Token.asString(Fn.tostring(value))) : value;
}
