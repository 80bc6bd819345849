/** A problem the user can fix: printed as one line, exit code 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** The command line was used wrongly: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One-line text for any thrown value, never a stack trace. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
