/**
 * The jobs thread: runs a background job (an evaluation over a million samples takes a while, and most of it is
 * computation) on its own connection, so the server's thread keeps answering. One job at a time.
 */
import type { WireFailure } from "@assay/api/threads";
import { JobCancelled, runJob, toWireFailure } from "@assay/api/threads";
import { openDatabase } from "@assay/db";
import { workerData } from "piscina";

export interface JobTask {
  jobId: number;
}

export type JobAnswer = { evaluated: string[] } | { cancelled: true } | { failure: WireFailure };

// Reads a test case a chunk at a time and writes in chunks: a small page cache is enough.
const db = openDatabase((workerData as { file: string }).file, {
  migrate: false,
  cacheMb: 4,
  autoCheckpoint: false,
});

export default async function run(task: JobTask): Promise<JobAnswer> {
  try {
    return { evaluated: await runJob(db, task.jobId) };
  } catch (error) {
    if (error instanceof JobCancelled) return { cancelled: true };
    return { failure: toWireFailure(error) };
  }
}

/** Answers once this module has loaded (see `threadLoaded`). */
export const loaded = (): boolean => true;
