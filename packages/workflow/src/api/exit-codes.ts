/**
 * What Assay's command lines (`assay`, `assay-server`) exit with, so that CI can tell a failed check from a
 * broken pipeline (CONTRACT.md §6). 5 is ours: every other failure (a conflict, an error on the server, a crashed
 * run, a store that cannot be opened), so that none is mistaken for a failed gate.
 */
export const EXIT = {
  ok: 0,
  /** A gate or a comparison found a regression. */
  checkFailed: 1,
  /** The command was called wrongly: unknown command or flag, a missing or malformed argument. */
  usage: 2,
  /** The server could not be reached, or refused the token (missing, unknown, revoked, too narrow a scope). */
  unreachable: 3,
  /** What the command names does not exist (a model, a suite, a token, a backup file). */
  notFound: 4,
  /** Anything else went wrong. */
  failed: 5,
} as const;

export const EXIT_CODES_HELP = `Exit codes: 0 ok, 1 a gate or comparison failed, 2 usage (bad command, flag or argument), 3 cannot
reach or authenticate to the server, 4 not found, 5 any other failure.`;

/** node:util's parseArgs refusing an unknown flag or a missing value: a usage error. */
export function isParseArgsError(error: unknown): error is TypeError {
  return (
    error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")
  );
}
