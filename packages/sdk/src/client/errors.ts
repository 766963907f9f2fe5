import { AssayError, InputValidationError } from "@assay/workflow";
import type { ValidationIssue } from "@assay/workflow";
import { TRPCClientError } from "@trpc/client";

export { AssayError, InputValidationError };

/** The entity (or version) asked for does not exist. */
export class NotFoundError extends AssayError {
  override name = "NotFoundError";
}
/** A model, test case or test suite with that name already exists (names are unique across workflows). */
export class NameConflictError extends AssayError {
  override name = "NameConflictError";
}
/** The entity belongs to another workflow than the one used to load it. */
export class WorkflowMismatchError extends AssayError {
  override name = "WorkflowMismatchError";
}
/** The call cannot work as made (a suite with no test cases, duplicate names in initMany, …). */
export class IncorrectUsageError extends AssayError {
  override name = "IncorrectUsageError";
}
/** The token is missing, unknown or revoked. */
export class UnauthenticatedError extends AssayError {
  override name = "UnauthenticatedError";
}
/** The token is valid but its scope does not allow this. */
export class PermissionDeniedError extends AssayError {
  override name = "PermissionDeniedError";
}
/** Someone changed the entity since it was loaded (a stale version), or is editing it now. */
export class ConflictError extends AssayError {
  override name = "ConflictError";
}
/** Anything else the server refused or could not do, including an unreachable server. */
export class RemoteError extends AssayError {
  override name = "RemoteError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The server could not be reached at all (refused, reset, timed out, no such host): no HTTP answer. */
export class ConnectionError extends RemoteError {
  override name = "ConnectionError";
  constructor(message: string) {
    super(message);
  }
}

/** No HTTP answer at all, or the server saying it is busy or restarting: worth another try. */
export function isTransientStatus(status: number | undefined): boolean {
  return (
    status === undefined || status === 429 || status === 502 || status === 503 || status === 504
  );
}

interface ErrorData {
  httpStatus?: number;
  kind?: string;
  issues?: ValidationIssue[];
}

/** Turns what the transport threw into the contract's error classes, with a message that says what to do. */
export function toAssayError(error: unknown, url: string): unknown {
  if (error instanceof AssayError || !(error instanceof TRPCClientError)) return error;
  const failure = error as TRPCClientError<never>;
  const converted = convert(failure, url);
  const requestId = requestIdOf(failure);
  if (requestId !== undefined) {
    converted.requestId = requestId;
    // A server's own failure says nothing more to a client: its request id finds what broke in its log.
    if (converted instanceof RemoteError && (converted.status ?? 0) >= 500)
      converted.message += ` (request id ${requestId})`;
  }
  return converted;
}

/** The X-Request-Id of the response an error came in, if there was a response. */
function requestIdOf(error: TRPCClientError<never>): string | undefined {
  const response = (error.meta as { response?: { headers?: Headers } } | undefined)?.response;
  return response?.headers?.get("x-request-id") ?? undefined;
}

function convert(error: TRPCClientError<never>, url: string): AssayError {
  const data = (error.data ?? {}) as ErrorData;
  const message = error.message;
  switch (data.kind) {
    case "NOT_FOUND":
      return new NotFoundError(message);
    case "NAME_CONFLICT":
      return new NameConflictError(`${message}; load it instead, or choose another name`);
    case "STALE_VERSION":
      return new ConflictError(message);
    case "EDIT_IN_PROGRESS":
      return new ConflictError(message);
    case "WORKFLOW_MISMATCH":
      return new WorkflowMismatchError(message);
    case "INCORRECT_USAGE":
      return new IncorrectUsageError(message);
    case "INVALID_INPUT":
      return data.issues?.length
        ? new InputValidationError(data.issues)
        : new InputValidationError({ path: "", reason: message });
    case "TOO_DEEP":
      return new InputValidationError({ path: "", reason: message });
  }
  if (data.httpStatus === 401) {
    return new UnauthenticatedError(
      `Assay at ${url} refused the token: ${message}. Set ASSAY_TOKEN (or initialize({ token })) to a token made with \`assay-server token create\`.`,
    );
  }
  if (data.httpStatus === 403)
    return new PermissionDeniedError(`${message}; ask an admin for a token with that scope`);
  if (data.httpStatus === undefined) {
    if (error.cause?.name === "TimeoutError") {
      return new ConnectionError(
        `Assay at ${url} did not answer in time (${error.cause.message}); raise the client's timeout, or check the server`,
      );
    }
    return new ConnectionError(
      `could not reach Assay at ${url} (${error.cause?.message ?? message}); is the server running?`,
    );
  }
  return new RemoteError(message, data.httpStatus);
}
