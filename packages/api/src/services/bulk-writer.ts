import type { DB } from "@assay/db";
import type { TestCaseRecord } from "@assay/workflow/wire";
import type { z } from "zod";

import type { AuditRow } from "./audit";
import { insertAuditRow } from "./audit";
import type { PreparedEdit } from "./edit-prepare";
import { uploadInferences } from "./inferences";
import type { JobOutcome } from "./jobs";
import { claimNextJob, finishJob, renewLease } from "./jobs";
import { uploadSampleMetrics } from "./results";
import type { BegunEdit, EditInput } from "./test-case-edits";
import {
  abortEdit,
  applyBatch,
  beginEdit,
  commitEdit,
  editInOneTransaction,
} from "./test-case-edits";

/**
 * The store's heavy writes: what one request can make the store do for seconds (a batch of 10,000 samples, an
 * edit that resets a million-sample test case, a page of inferences or sample metrics), and the writes of the
 * server's own bookkeeping that would otherwise wait for the write lock on its thread. Each is a function of the
 * store and plain data, so it runs alike in the request's thread (`inlineWriter`) or in the server's writing
 * thread, on its own connection, while the request's thread goes on serving others.
 */
export const BULK_WRITES = {
  beginEdit: (db: DB, input: Parameters<typeof beginEdit>[1]): BegunEdit => beginEdit(db, input),
  applyBatch: (
    db: DB,
    input: { editId: string; seq: number; prepared: PreparedEdit },
  ): { applied: boolean; count: number } => applyBatch(db, input.editId, input.seq, input.prepared),
  commitEdit: (db: DB, input: Parameters<typeof commitEdit>[1]): TestCaseRecord[] =>
    commitEdit(db, input),
  abortEdit: (db: DB, input: { editId: string }): null => {
    abortEdit(db, input);
    return null;
  },
  edit: (
    db: DB,
    input: { edit: z.output<typeof EditInput>; prepared: PreparedEdit },
  ): TestCaseRecord[] => editInOneTransaction(db, input.edit, input.prepared),
  uploadInferences: (db: DB, input: Parameters<typeof uploadInferences>[1]) =>
    uploadInferences(db, input),
  uploadSampleMetrics: (db: DB, input: Parameters<typeof uploadSampleMetrics>[1]) =>
    uploadSampleMetrics(db, input),
  // Small writes, but they wait for the write lock, which the server's thread must not: the audit log, and a
  // job's bookkeeping.
  recordAudit: (db: DB, row: AuditRow): null => {
    insertAuditRow(db, row);
    return null;
  },
  claimNextJob: (db: DB, input: { owner: string; leaseMs: number }) =>
    claimNextJob(db, input.owner, input.leaseMs),
  renewLease: (db: DB, input: { id: number; owner: string; leaseMs: number }) =>
    renewLease(db, input.id, input.owner, input.leaseMs),
  finishJob: (db: DB, input: { id: number; owner: string; outcome: JobOutcome }) =>
    finishJob(db, input.id, input.owner, input.outcome),
};

export type BulkWrite = keyof typeof BULK_WRITES;
export type BulkInput<K extends BulkWrite> = Parameters<(typeof BULK_WRITES)[K]>[1];
export type BulkResult<K extends BulkWrite> = ReturnType<(typeof BULK_WRITES)[K]>;

/** Runs one heavy write on `db`: what the writing thread does with each request it is sent. */
export function runBulkWrite<K extends BulkWrite>(
  db: DB,
  op: K,
  input: BulkInput<K>,
): BulkResult<K> {
  const write = BULK_WRITES[op] as (db: DB, input: BulkInput<K>) => BulkResult<K>;
  return write(db, input);
}

/** Where heavy writes run. They run one at a time, in the order they were asked for. */
export interface BulkWriter {
  run<K extends BulkWrite>(op: K, input: BulkInput<K>): Promise<BulkResult<K>>;
}

/** Runs heavy writes in the calling thread, on its connection (tests, and stores a second connection cannot open). */
export function inlineWriter(db: DB): BulkWriter {
  return {
    run: (op, input) => {
      try {
        return Promise.resolve(runBulkWrite(db, op, input));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}
