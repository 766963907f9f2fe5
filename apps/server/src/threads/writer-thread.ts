/**
 * The writing thread: the store's heavy writes (see `BULK_WRITES`), one at a time on its own connection, so that
 * the server's thread answers other requests (and /healthz) while a batch of 10,000 samples is stored.
 */
import type { BulkInput, BulkResult, BulkWrite, WireFailure } from "@assay/api/threads";
import { runBulkWrite, toWireFailure } from "@assay/api/threads";
import { openDatabase } from "@assay/db";
import { workerData } from "piscina";

export interface WriteTask<K extends BulkWrite = BulkWrite> {
  op: K;
  input: BulkInput<K>;
}

export type WriteAnswer<K extends BulkWrite = BulkWrite> =
  { result: BulkResult<K> } | { failure: WireFailure };

// The server's thread has migrated the store already.
const db = openDatabase((workerData as { file: string }).file, {
  migrate: false,
  cacheMb: 16,
  // The checkpointer's thread checkpoints (see startCheckpointer), not this one's commits.
  autoCheckpoint: false,
});

export default function write(task: WriteTask): WriteAnswer {
  try {
    return { result: runBulkWrite(db, task.op, task.input) };
  } catch (error) {
    return { failure: toWireFailure(error) };
  }
}

/** Answers once this module has loaded (see `threadLoaded`). */
export const loaded = (): boolean => true;
