import { AssayError, InputValidationError } from "@assay/workflow";
import { EXIT, isParseArgsError } from "@assay/workflow/wire";

import {
  ConnectionError,
  IncorrectUsageError,
  NotFoundError,
  PermissionDeniedError,
  UnauthenticatedError,
} from "../client/errors";
import { UsageError } from "./io";

export { EXIT, EXIT_CODES_HELP, isParseArgsError } from "@assay/workflow/wire";

/** The exit code an error means. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || isParseArgsError(error)) return EXIT.usage;
  if (error instanceof InputValidationError || error instanceof IncorrectUsageError)
    return EXIT.usage;
  if (
    error instanceof ConnectionError ||
    error instanceof UnauthenticatedError ||
    error instanceof PermissionDeniedError
  ) {
    return EXIT.unreachable;
  }
  if (error instanceof NotFoundError) return EXIT.notFound;
  return EXIT.failed;
}

/** An error as `--json` prints it: its class, message, exit code and, for invalid input, each bad field. */
export function errorJson(error: unknown, exitCode: number) {
  const named = error instanceof Error ? error : new Error(String(error));
  return {
    error: {
      name: isParseArgsError(error)
        ? "UsageError"
        : error instanceof AssayError || error instanceof UsageError
          ? named.name
          : "Error",
      message: named.message,
      exitCode,
      ...(error instanceof InputValidationError ? { issues: error.issues } : {}),
      ...(error instanceof AssayError && error.requestId ? { requestId: error.requestId } : {}),
    },
  };
}
