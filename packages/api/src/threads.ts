/**
 * `@assay/api/threads`: what the server's worker threads run, without the routers: preparing edit batches, the
 * store's heavy writes, background jobs, and errors as data to send back across the thread boundary.
 */
export { inlinePreparer, transferablesOf } from "./services/edit-prepare";
export type { PreparedEdit } from "./services/edit-prepare";
export { runBulkWrite } from "./services/bulk-writer";
export type { BulkInput, BulkResult, BulkWrite } from "./services/bulk-writer";
export { JobCancelled, runJob } from "./services/evaluation";
export { compareModels } from "./services/compare";
export type { CompareInput, Comparison } from "./services/compare";
export { fromWireFailure, toWireFailure } from "./wire-failure";
export type { WireFailure } from "./wire-failure";
