/**
 * Streams: answers too long for one response, sent as NDJSON while they are read. The HTTP server serves each at
 * `GET /stream/<name>?input=<json>`; authentication, scopes and errors are the API's own, so a stream refuses a
 * request exactly as its paged tRPC sibling would (a tRPC response must be whole before the client parses any of
 * it, and its pages are JSON text inside JSON: iterating 1M inferences that way was 2.3-2.45 × a raw scan).
 */
import type { DB } from "@assay/db";
import type { TokenScope } from "@assay/workflow/wire";
import { checkDepth, TooDeepError } from "@assay/workflow/wire";
import { InputValidationError } from "@assay/workflow";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";

import { httpStatusOfKind, storeFailure, tooDeep } from "./errors";
import { streamModelInferences } from "./services/inferences";
import type { Caller } from "./trpc";
import { checkScope, errorData, publicMessage } from "./trpc";

interface StreamProcedure {
  scope: TokenScope;
  /** Checks the input and what it names, then returns the chunks (each ends with a newline). */
  open(db: DB, input: unknown): Iterator<string | Uint8Array>;
}

const streams: Record<string, StreamProcedure> = {
  "model.inferences": { scope: "read", open: streamModelInferences },
};

/** The streams there are, by name (`GET /stream/<name>`). */
export const STREAM_NAMES: readonly string[] = Object.keys(streams);

/** Opens a stream for a caller; throws a TRPCError (see `errorResponse`) when it is refused. */
export function openStream(
  db: DB,
  caller: Caller | null,
  name: string,
  inputJson: string | null,
): Iterator<string | Uint8Array> {
  const stream = Object.hasOwn(streams, name) ? streams[name] : undefined;
  if (!stream) throw new TRPCError({ code: "NOT_FOUND", message: `no stream named '${name}'` });
  checkScope(caller, stream.scope);
  let input: unknown;
  try {
    input = JSON.parse(inputJson ?? "{}");
  } catch {
    throw new TRPCError({ code: "BAD_REQUEST", message: "input is not JSON" });
  }
  try {
    checkDepth(input);
  } catch (error) {
    throw tooDeep(error as Error);
  }
  try {
    return stream.open(db, input);
  } catch (error) {
    throw asTRPCError(error);
  }
}

/** The HTTP status and body for a refused or failed stream: tRPC's error response, with Assay's data. */
export function errorResponse(cause: unknown): {
  status: number;
  body: { error: { message: string; code: number; data: object } };
} {
  const error = asTRPCError(cause);
  const status = httpStatusOfKind(errorData(error).kind) ?? getHTTPStatusCodeFromError(error);
  return {
    status,
    body: {
      error: {
        message: publicMessage(error),
        code: TRPC_ERROR_CODES_BY_KEY[error.code],
        data: { code: error.code, httpStatus: status, ...errorData(error) },
      },
    },
  };
}

function asTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof TooDeepError) return tooDeep(error);
  const store = storeFailure(error);
  if (store) return store;
  if (error instanceof ZodError || error instanceof InputValidationError) {
    return new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
  }
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

/**
 * Where a tRPC answer's status is not its error code's (a full store is 507) or it should say when to retry (the
 * store busy): the HTTP server's `responseMeta` for /trpc.
 */
export function failureResponseMeta(errors: readonly TRPCError[]): {
  status?: number;
  headers?: Record<string, string>;
} {
  const kinds = errors.map((error) => errorData(error).kind);
  if (kinds.includes("STORE_FULL")) return { status: httpStatusOfKind("STORE_FULL") };
  if (kinds.includes("STORE_UNAVAILABLE")) return { headers: { "Retry-After": "5" } };
  return {};
}
