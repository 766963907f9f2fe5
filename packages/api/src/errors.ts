import { TRPCError } from "@trpc/server";

/**
 * What went wrong, beyond the HTTP-ish tRPC code: clients map it to their error classes (a name conflict and a
 * stale version are both CONFLICT, but need different fixes).
 */
export type FailureKind =
  | "NOT_FOUND"
  | "NAME_CONFLICT"
  | "STALE_VERSION"
  | "EDIT_IN_PROGRESS"
  | "WORKFLOW_MISMATCH"
  | "INCORRECT_USAGE"
  | "INVALID_INPUT"
  | "DUPLICATE_INFERENCE"
  /** The store's disk is full: nothing of the request was stored (HTTP 507). */
  | "STORE_FULL"
  /** The store cannot be read or written just now (an I/O error, locked too long): try again (HTTP 503). */
  | "STORE_UNAVAILABLE"
  /** An input nested deeper than the server reads (HTTP 400). */
  | "TOO_DEEP";

export class Failure extends TRPCError {
  constructor(
    code: TRPCError["code"],
    readonly kind: FailureKind,
    message: string,
  ) {
    super({ code, message });
  }
}

export const notFound = (message: string) => new Failure("NOT_FOUND", "NOT_FOUND", message);
export const nameConflict = (message: string) => new Failure("CONFLICT", "NAME_CONFLICT", message);
export const staleVersion = (message: string) => new Failure("CONFLICT", "STALE_VERSION", message);
export const editInProgress = (message: string) =>
  new Failure("CONFLICT", "EDIT_IN_PROGRESS", message);
export const workflowMismatch = (message: string) =>
  new Failure("BAD_REQUEST", "WORKFLOW_MISMATCH", message);
export const incorrectUsage = (message: string) =>
  new Failure("UNPROCESSABLE_CONTENT", "INCORRECT_USAGE", message);
export const duplicateInference = (message: string) =>
  new Failure("PRECONDITION_FAILED", "DUPLICATE_INFERENCE", message);

/** What an error of the store (SQLite's, on any of the server's connections) means to a client, if it is one. */
export function storeFailure(error: unknown): Failure | null {
  const code = (error as { name?: unknown; code?: unknown } | null)?.code;
  if ((error as { name?: unknown } | null)?.name !== "SqliteError" || typeof code !== "string")
    return null;
  if (code === "SQLITE_FULL") {
    return new Failure(
      "INTERNAL_SERVER_ERROR",
      "STORE_FULL",
      "the store's disk is full: nothing of this request was stored; free space on the server, then try again",
    );
  }
  if (/^SQLITE_(IOERR|BUSY|LOCKED|CANTOPEN|READONLY|PROTOCOL)/.test(code)) {
    return new Failure(
      "SERVICE_UNAVAILABLE",
      "STORE_UNAVAILABLE",
      `the store could not be used just now (${code}): nothing of this request was stored; try again`,
    );
  }
  return null;
}

/** The HTTP status of a failure, where it is not its tRPC code's. */
export function httpStatusOfKind(kind: FailureKind | undefined): number | undefined {
  if (kind === "STORE_FULL") return 507;
  return undefined;
}

/** An input nested deeper than the server reads, named where. */
export const tooDeep = (error: Error) => new Failure("BAD_REQUEST", "TOO_DEEP", error.message);
