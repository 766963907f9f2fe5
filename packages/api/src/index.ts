/**
 * `@assay/api`: the tRPC API of the Assay registry. Apps serve `appRouter`; clients import only
 * `type AppRouter` (and `RouterInputs` / `RouterOutputs`), so no server code reaches them.
 *
 * @example
 * type Model = RouterOutputs["model"]["get"];
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root";

export { appRouter } from "./root";
export type { AppRouter } from "./root";
export {
  authenticate,
  authenticateRequest,
  AuthThrottled,
  createHttpContextFactory,
} from "./context";
export type { HttpPolicy } from "./context";
export { AuthThrottle } from "./services/auth-throttle";
export type { AuthThrottleOptions } from "./services/auth-throttle";
export { createCallerFactory } from "./trpc";
export { errorResponse, failureResponseMeta, openStream, STREAM_NAMES } from "./streams";
export type { Caller, Context, CookieJar, ErrorData } from "./trpc";
export type { FailureKind } from "./errors";
export { createToken, ensureBootstrapToken, listTokens, revokeToken } from "./services/auth";
export { listAudit, recordAudit } from "./services/audit";
export type { TokenInfo } from "./services/auth";
export { inlinePreparer, prepareEdit } from "./services/edit-prepare";
export type { EditPreparer, PreparedEdit } from "./services/edit-prepare";
export { inlineWriter } from "./services/bulk-writer";
export { abortOpenEdits } from "./services/test-case-edits";
export type { BulkInput, BulkResult, BulkWrite, BulkWriter } from "./services/bulk-writer";
export type { ComparisonReader } from "./services/compare";
export { fromWireFailure, toWireFailure } from "./wire-failure";
export {
  cancelJob,
  claimNextJob,
  hasJobToClaim,
  countJobs,
  finishJob,
  getJob,
  renewLease,
} from "./services/jobs";
export type { JobOutcome } from "./services/jobs";
export type { WireFailure } from "./wire-failure";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
