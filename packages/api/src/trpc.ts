/**
 * The one place tRPC is initialised: the context every procedure gets, the error shape clients see, and the
 * procedure ladder by token scope (read < write < admin).
 * @see https://trpc.io/docs/server/procedures
 */
import type { DB } from "@assay/db";
import type { ValidationIssue } from "@assay/workflow";
import type { TokenScope } from "@assay/workflow/wire";
import { InputValidationError } from "@assay/workflow";
import { describeIssue, TooDeepError, transformer } from "@assay/workflow/wire";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";

import type { FailureKind } from "./errors";
import { auditRow, auditTarget } from "./services/audit";
import { inlineWriter } from "./services/bulk-writer";
import { Failure, httpStatusOfKind, storeFailure, tooDeep } from "./errors";
import type { BulkWriter } from "./services/bulk-writer";
import type { ComparisonReader } from "./services/compare";
import type { EditPreparer } from "./services/edit-prepare";

/** Who is calling: the token (directly, or through a web session). */
export interface Caller {
  tokenId: number;
  tokenName: string;
  scope: TokenScope;
  via: "token" | "session";
}

/** Sets and clears cookies on the response; tests and in-process callers can record them instead. */
export interface CookieJar {
  set(name: string, value: string, options: { maxAgeSeconds: number }): void;
  clear(name: string): void;
}

/**
 * What every procedure gets. Its members are the server's own (`@internal`): the router's types that clients
 * are given (emitted with `stripInternal`, see scripts/emit-client-router.ts) leave them out, so a client's type
 * check never reaches the store's types.
 */
export interface Context {
  /** @internal */
  db: DB;
  /** @internal */
  caller: Caller | null;
  /** @internal */
  cookies: CookieJar;
  /** The raw cookie header of the request, for sign-out. @internal */
  cookieHeader?: string | undefined;
  /** Whether the request came over HTTPS, so cookies can be marked Secure. @internal */
  secure: boolean;
  /** Where edit batches are validated and hashed; in the request's thread when absent. @internal */
  preparer?: EditPreparer | undefined;
  /** Where the store's heavy writes run; in the request's thread when absent. @internal */
  writer?: BulkWriter | undefined;
  /** Where comparisons are computed; in the request's thread when absent. @internal */
  reader?: ComparisonReader | undefined;
  /**
   * The request's place among the bulk requests the server works on at once, given up while it waits for an
   * earlier batch of its edit (see the server's Admission). @internal
   */
  admission?: { pause<T>(wait: Promise<T>): Promise<T> } | undefined;
  /** The server's job runner, woken when a job is queued (else it looks every second or so). @internal */
  jobs?: { wake(): void } | undefined;
  /**
   * Counts a credential given in the input (a sign-in token) that failed, as the throttle counts bad headers.
   * @internal
   */
  authFailed?: (() => void) | undefined;
}

export interface ErrorData {
  kind?: FailureKind | undefined;
  issues?: ValidationIssue[] | undefined;
}

/** Per-procedure options, set with `.meta()`. */
export interface Meta {
  /**
   * How a mutation is audited: by default it is logged with its input and result; `before` also snapshots what
   * it changes; `false` leaves out steps that change nothing by themselves (an edit's staged batches).
   * @internal
   */
  audit?: false | { before?: (db: DB, input: unknown) => unknown };
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        message: publicMessage(error, shape.message),
        data: {
          ...shape.data,
          ...errorData(error),
          httpStatus: httpStatusOfKind(errorData(error).kind) ?? shape.data.httpStatus,
          stack: undefined,
        },
      };
    },
  });

/** What clients get beyond the tRPC code: Assay's failure kind, and each bad field of invalid input. */
export function errorData(error: TRPCError): ErrorData {
  const data: ErrorData = {};
  if (error instanceof Failure) data.kind = error.kind;
  if (error.cause instanceof InputValidationError) {
    data.kind = "INVALID_INPUT";
    data.issues = [...error.cause.issues];
  } else if (error.cause instanceof ZodError) {
    data.kind = "INVALID_INPUT";
    data.issues = error.cause.issues.flatMap((issue) => describeIssue(issue, "input"));
  }
  return data;
}

/** Internal errors say what broke in development and nothing in production; Assay's own failures always do. */
export function publicMessage(error: TRPCError, message = error.message): string {
  const hidden =
    error.code === "INTERNAL_SERVER_ERROR" &&
    !(error instanceof Failure) &&
    process.env.NODE_ENV === "production";
  return hidden ? "Internal server error" : message;
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns Assay's own validation errors into BAD_REQUEST, naming each bad field, and the store's errors (a full
 * disk, an I/O error) into what they mean to a client, wherever they are thrown.
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof InputValidationError) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: result.error.cause.message,
      cause: result.error.cause,
    });
  }
  if (!result.ok && result.error.cause instanceof ZodError && result.error.code === "BAD_REQUEST") {
    // tRPC's message for invalid input is zod's issues as JSON: say what is wrong with which field instead.
    const issues = result.error.cause.issues.flatMap((issue) => describeIssue(issue, "input"));
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: issues.map((issue) => `${issue.path}: ${issue.reason}`).join("; "),
      cause: result.error.cause,
    });
  }
  if (!result.ok && result.error.cause instanceof TooDeepError) {
    throw tooDeep(result.error.cause);
  }
  if (!result.ok) {
    const store = storeFailure(result.error.cause);
    if (store) throw store;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

const RANK: Record<TokenScope, number> = { read: 0, write: 1, admin: 2 };

/** The caller, if it may act with `scope`; otherwise UNAUTHORIZED (no valid token) or FORBIDDEN (too narrow). */
export function checkScope(caller: Caller | null, scope: TokenScope): Caller {
  if (!caller) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "a valid token is required (Authorization: Bearer …)",
    });
  }
  if (RANK[caller.scope] < RANK[scope]) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `this needs a ${scope} token; '${caller.tokenName}' has ${caller.scope} scope`,
    });
  }
  return caller;
}

function requireScope(scope: TokenScope) {
  // Narrows the caller to non-null for the procedures below.
  return t.middleware(({ ctx, next }) =>
    next({ ctx: { ...ctx, caller: checkScope(ctx.caller, scope) } }),
  );
}

/** Logs every mutation that succeeds: who, what, on which entity, and the entity before and after. */
const audited = t.middleware(async ({ ctx, meta, path, type, getRawInput, next }) => {
  if (type !== "mutation" || meta?.audit === false || !ctx.caller) return next();
  const input = await getRawInput();
  let before: unknown;
  try {
    before = meta?.audit?.before?.(ctx.db, input);
  } catch {
    // Nothing to snapshot (the entity is missing): the procedure itself says so.
  }
  const result = await next();
  if (result.ok) {
    const row = auditRow({
      actor: ctx.caller.tokenName,
      via: ctx.caller.via,
      action: path,
      target: auditTarget(path, input, result.data),
      input,
      before,
      after: result.data,
    });
    // Through the writing thread when there is one: waiting for the write lock here would stop the server.
    await (ctx.writer ?? inlineWriter(ctx.db)).run("recordAudit", row);
  }
  return result;
});

export const readProcedure = publicProcedure.use(requireScope("read"));
export const writeProcedure = publicProcedure.use(requireScope("write")).use(audited);
export const adminProcedure = publicProcedure.use(requireScope("admin")).use(audited);
