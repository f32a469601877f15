/**
 * A number where Terraform or a JSON document needs a string ("1024": task sizes, container environment values). A
 * module passes the number as a variable (a cdktf token), so it becomes `tostring(...)` there instead of the token's
 * encoded double.
 */
import { Fn, Token } from "cdktf";

export function numberString(n: number): string {
  return Token.isUnresolved(n) ? Token.asString(Fn.tostring(n)) : String(n);
}
