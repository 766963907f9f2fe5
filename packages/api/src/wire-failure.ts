import type { ValidationIssue } from "@assay/workflow";
import { InputValidationError } from "@assay/workflow";
import { TooDeepError } from "@assay/workflow/wire";
import { TRPCError } from "@trpc/server";

import type { FailureKind } from "./errors";
import { Failure, tooDeep } from "./errors";

/**
 * An error as plain data, to cross a thread boundary (the server's preparing, writing and job threads) and be
 * thrown again on the other side as what it was: invalid input with its issues, one of Assay's failures with its
 * kind, a tRPC refusal with its code, a store error with its SQLite code, or anything else by its message.
 */
export type WireFailure =
  | { type: "invalid"; issues: ValidationIssue[] }
  | { type: "failure"; code: TRPCError["code"]; kind: FailureKind; message: string }
  | { type: "trpc"; code: TRPCError["code"]; message: string }
  | { type: "store"; code: string; message: string }
  | { type: "other"; message: string; stack?: string | undefined };

export function toWireFailure(error: unknown): WireFailure {
  if (error instanceof InputValidationError) return { type: "invalid", issues: [...error.issues] };
  if (error instanceof TooDeepError) return toWireFailure(tooDeep(error));
  if (error instanceof Failure)
    return { type: "failure", code: error.code, kind: error.kind, message: error.message };
  if (error instanceof TRPCError) return { type: "trpc", code: error.code, message: error.message };
  if (error instanceof Error && error.name === "SqliteError" && "code" in error)
    return { type: "store", code: String(error.code), message: error.message };
  if (error instanceof Error) return { type: "other", message: error.message, stack: error.stack };
  return { type: "other", message: String(error) };
}

export function fromWireFailure(failure: WireFailure): Error {
  switch (failure.type) {
    case "invalid":
      return new InputValidationError(failure.issues);
    case "failure":
      return new Failure(failure.code, failure.kind, failure.message);
    case "trpc":
      return new TRPCError({ code: failure.code, message: failure.message });
    case "store":
      return Object.assign(new Error(failure.message), { name: "SqliteError", code: failure.code });
    case "other": {
      const error = new Error(failure.message);
      if (failure.stack) error.stack = failure.stack;
      return error;
    }
  }
}
