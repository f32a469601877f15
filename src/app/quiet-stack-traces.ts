/**
 * cdktf records a fully formatted stack trace for every token it creates (`Intrinsic.creationStack`), only to quote it
 * in some error messages: formatting them is ~10 % of a synth. While `fn` runs, traces format to nothing; the real
 * formatter is back before anyone reads an error's `stack` (V8 formats a trace on first access), so a failing synth
 * still reports where it failed.
 */
export function withQuietStackTraces<T>(fn: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => "";
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
