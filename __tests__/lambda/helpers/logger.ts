import type { Logger } from "../../../lambda-src/shared/logger";

export interface CapturedLog {
  readonly level: "info" | "warn" | "error";
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A Logger that keeps what it is told, for assertions. */
export function captureLogger(): Logger & { readonly lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const at =
    (level: CapturedLog["level"]) =>
    (message: string, fields: Readonly<Record<string, unknown>> = {}) => {
      lines.push({ level, message, fields });
    };
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}
