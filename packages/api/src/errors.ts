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
  | "DUPLICATE_INFERENCE";

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
