import type { BulkWriter, ComparisonReader, EditPreparer, PreparedEdit } from "@assay/api";
import { fromWireFailure, inlinePreparer } from "@assay/api";
import { transferablesOf } from "@assay/api/threads";

import type { PrepareAnswer, PrepareTask } from "./prepare-thread";
import { startThread, threadLoaded } from "./pool";
import type { ReadAnswer, ReadTask } from "./reader-thread";
import type { WriteAnswer, WriteTask } from "./writer-thread";

/** How long the reading thread stays without a comparison to compute (a user paging through results keeps it). */
const READER_IDLE_MS = 60_000;

/** Larger batches than the SDK sends are prepared in the server's thread: the preparing thread's heap is small. */
const MAX_THREAD_BATCH_CHARS = 8 * 1024 * 1024;

export interface Closable {
  /** Resolves once the thread is up (see `threadLoaded`). */
  loaded(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Prepares edit batches in a thread of their own, so that on a multi-core machine one batch is prepared while the
 * writing thread stores the one before (1M-sample ingest: the server's thread spent 9 of its 31 s parsing,
 * validating, canonicalising and hashing before this).
 */
export function startPreparingThread(): EditPreparer & Closable {
  const pool = startThread("prepare", {
    // A batch needs a few MB; without limits V8 let this heap grow past 160 MB during a 1M-sample ingest.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
  });
  const inline = inlinePreparer();
  return {
    async prepare(schemaJson, lines) {
      if (lines.length > MAX_THREAD_BATCH_CHARS) return inline.prepare(schemaJson, lines);
      const answer = (await pool.run({ schemaJson, lines } satisfies PrepareTask)) as PrepareAnswer;
      if ("failure" in answer) throw fromWireFailure(answer.failure);
      return answer.prepared;
    },
    loaded: () => threadLoaded(pool),
    close: () => pool.close(),
  };
}

/** Runs the store's heavy writes (see `BULK_WRITES`) in a thread of their own, on its own connection to `file`. */
export function startWritingThread(file: string): BulkWriter & Closable {
  const pool = startThread("writer", {
    workerData: { file },
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
  });
  return {
    async run(op, input) {
      const prepared = (input as { prepared?: PreparedEdit }).prepared;
      const answer = (await pool.run({ op, input } satisfies WriteTask, {
        transferList: prepared ? transferablesOf(prepared) : [],
      })) as WriteAnswer<typeof op>;
      if ("failure" in answer) throw fromWireFailure(answer.failure);
      return answer.result;
    },
    loaded: () => threadLoaded(pool),
    close: () => pool.close(),
  };
}

/**
 * Computes comparisons (`result.compare`) in a thread of their own, on its own connection to `file`. The thread
 * starts with the first comparison and ends after a minute without one: a server that is only written to (CI
 * uploading) does not carry its memory.
 */
export function startReadingThread(file: string): ComparisonReader & Closable {
  const pool = startThread("reader", {
    workerData: { file },
    // A comparison holds two runs' per-sample values and the suite's answer: bounded, but larger than a batch's.
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    idleMs: READER_IDLE_MS,
  });
  return {
    async compare(input) {
      const answer = (await pool.run({ op: "compare", input } satisfies ReadTask)) as ReadAnswer;
      if ("failure" in answer) throw fromWireFailure(answer.failure);
      return answer.result;
    },
    loaded: () => threadLoaded(pool),
    close: () => pool.close(),
  };
}
