import type { ResourceLimits } from "node:worker_threads";

import { Piscina } from "piscina";

/** The server's worker threads, each running one module's default export for every task it is sent. */
export type ThreadName = "prepare" | "writer" | "reader" | "jobs";

/**
 * Built, a thread runs dist/<name>-thread.js beside this code. From sources (tests, `pnpm dev`) it runs a shim
 * that loads src/threads/<name>-thread.ts through tsx, reading the workspace's packages from their sources as
 * this thread does.
 */
const FROM_SOURCE = import.meta.url.endsWith(".ts");

export interface PoolOptions {
  /** What the thread's module reads from `workerData` (Piscina's), e.g. the store's file. */
  workerData?: Record<string, unknown>;
  resourceLimits?: ResourceLimits;
  /**
   * Ends the thread after this long without a task, and starts it again for the next one (default: kept for the
   * server's life, since starting a thread costs tens of milliseconds).
   */
  idleMs?: number;
}

/**
 * One thread for `name`, started now and kept unless `idleMs` says otherwise (a task waits in Piscina's queue while
 * the thread is busy, so tasks run one at a time, in order). Should the thread die, Piscina starts another for
 * the next task.
 */
export function startThread(name: ThreadName, options: PoolOptions = {}): Piscina {
  const filename = FROM_SOURCE
    ? new URL("./source-thread.js", import.meta.url).href
    : new URL(`./${name}-thread.js`, import.meta.url).href;
  return new Piscina({
    filename,
    minThreads: options.idleMs === undefined ? 1 : 0,
    maxThreads: 1,
    idleTimeout: options.idleMs ?? Number.POSITIVE_INFINITY,
    workerData: { ...options.workerData, sourceModule: `./${name}-thread.ts` },
    ...(FROM_SOURCE ? { execArgv: ["--conditions=@assay/source"] } : {}),
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
}

/**
 * Resolves once the pool's thread has loaded its module (a first task, `loaded`, has run). The server waits for
 * it before it listens: a thread ended while Node is still importing its module aborts the whole process.
 */
export async function threadLoaded(pool: Piscina): Promise<void> {
  await pool.run(null, { name: "loaded" });
}
