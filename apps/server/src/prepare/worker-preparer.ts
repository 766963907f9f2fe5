import { Worker } from "node:worker_threads";

import type { EditPreparer, PreparedEdit } from "@assay/api";
import { fromPrepareFailure, inlinePreparer } from "@assay/api";

import type { PrepareRequest, PrepareResponse } from "./protocol";

export interface WorkerPreparer extends EditPreparer {
  close(): Promise<void>;
}

/**
 * Built, the worker is dist/worker.js beside this code. From sources (tests, `pnpm dev`) it is a shim that loads
 * the TypeScript through tsx, and reads the workspace's packages from their sources as this thread does.
 */
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const ENTRY = new URL(FROM_SOURCE ? "./worker-source.js" : "./worker.js", import.meta.url);
const EXEC_ARGV = FROM_SOURCE ? ["--conditions=@assay/source"] : [];
const MAX_WORKER_BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Validates and hashes edit batches in a worker thread, so that on a multi-core machine one batch is prepared
 * while the server's thread writes the one before (1M-sample ingest: the server's thread spent 9 of its 31 s
 * parsing, validating, canonicalising and hashing). Requests are answered in the order they were sent. Should the
 * worker fail to start or die, batches are prepared in the server's thread instead.
 */
export async function startWorkerPreparer(): Promise<WorkerPreparer> {
  const fallback = inlinePreparer();
  const pending = new Map<
    number,
    { request: PrepareRequest; resolve: (p: PreparedEdit) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let worker: Worker | null = new Worker(ENTRY, {
    execArgv: EXEC_ARGV,
    resourceLimits: {
      // A batch needs a few MB; without limits V8 let this heap grow past 160 MB during a 1M-sample ingest.
      maxOldGenerationSizeMb: 64,
      maxYoungGenerationSizeMb: 16,
    },
  });
  // Batches the worker had not answered when it died are prepared here instead.
  const retryInline = () => {
    for (const { request, resolve, reject } of pending.values()) {
      fallback.prepare(request.schemaJson, request.lines).then(resolve, reject);
    }
    pending.clear();
  };
  const starting = worker;
  try {
    await new Promise<void>((resolve, reject) => {
      const exited = (code: number) =>
        reject(new Error(`the preparing worker exited with ${code}`));
      starting.once("message", () => {
        // Not removeAllListeners: the Worker keeps listeners of its own.
        starting.off("error", reject);
        starting.off("exit", exited);
        resolve();
      });
      starting.once("error", reject);
      starting.once("exit", exited);
    });
  } catch {
    await starting.terminate();
    worker = null;
  }
  worker?.on("message", (response: PrepareResponse) => {
    const waiting = pending.get(response.id);
    if (!waiting) return;
    pending.delete(response.id);
    if ("prepared" in response) waiting.resolve(response.prepared);
    else waiting.reject(fromPrepareFailure(response.failure));
  });
  worker?.on("error", () => {
    worker = null;
    retryInline();
  });
  worker?.on("exit", () => {
    worker = null;
    retryInline();
  });
  worker?.unref();
  return {
    prepare(schemaJson, lines) {
      const current = worker;
      // Batches larger than the SDK sends are prepared here: the worker's heap is kept small.
      if (!current || lines.length > MAX_WORKER_BATCH_CHARS)
        return fallback.prepare(schemaJson, lines);
      const id = nextId++;
      return new Promise<PreparedEdit>((resolve, reject) => {
        const request: PrepareRequest = { id, schemaJson, lines };
        pending.set(id, { request, resolve, reject });
        current.postMessage(request);
      });
    },
    async close() {
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
