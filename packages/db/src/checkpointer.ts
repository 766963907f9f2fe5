import { Worker } from "node:worker_threads";

import type { DB } from "./client";

export interface Checkpointer {
  /** Runs a last checkpoint and closes the worker's connection. */
  stop(): Promise<void>;
}

const WORKER = new URL("./checkpoint-worker.js", import.meta.url);

/**
 * Moves WAL checkpoints off the connection that serves requests. By default SQLite checkpoints inside the
 * commit that crosses `wal_autocheckpoint` pages, with two fsyncs, on the thread that committed: a 1M-sample
 * ingest committing every 20,000 samples spends about a third of its time there (better-sqlite3 inserting the
 * same rows: 17.5 s committing every 20,000 with automatic checkpoints, 13.1 s without, 12.1 s in one
 * transaction). A worker thread checkpoints every `intervalMs` instead, from its own connection.
 */
export async function startCheckpointer(db: DB, intervalMs = 1000): Promise<Checkpointer> {
  const sqlite = db.$client;
  if (sqlite.memory || sqlite.readonly) return { stop: () => Promise.resolve() };
  const worker = new Worker(WORKER, { workerData: { file: sqlite.name, intervalMs } });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  sqlite.pragma("wal_autocheckpoint = 0");
  // When a checkpoint lets the WAL start over, it is cut back to this size rather than kept at its peak.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  // Should the worker die, checkpoints go back to the committing connection rather than stop.
  worker.once("error", () => sqlite.open && sqlite.pragma("wal_autocheckpoint = 1000"));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.once("message", () => void worker.terminate());
        worker.postMessage("stop");
      }),
  };
}
