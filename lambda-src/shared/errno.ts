/** True when `error` is a Node system error with the given code (ENOENT, EEXIST, ...). */
export function hasErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
