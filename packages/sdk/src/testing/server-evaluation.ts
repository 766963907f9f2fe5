import type { JobRecord } from "@assay/workflow/wire";

import type { AssayClient } from "../client/client";
import { AssayError, RemoteError } from "../client/errors";
import { Progress } from "./progress";

/** An evaluation the server runs as a background job: its job, and a promise of its end. */
export interface ServerEvaluation {
  readonly jobId: number;
  /** Resolves when the job is done (to the configurations it evaluated); rejects when it failed or was cancelled. */
  readonly done: Promise<void>;
}

/** The evaluation was cancelled (`run.cancelEvaluation()`, `assay job cancel`, the web UI). */
export class EvaluationCancelledError extends AssayError {
  override name = "EvaluationCancelledError";
}

const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 1000;

/**
 * Follows a job until it ends, reporting its progress (on a terminal, and to the client's `onProgress` as the
 * samples evaluated of `samples`); throws when it failed or was cancelled.
 */
export async function waitForJob(
  client: AssayClient,
  job: JobRecord,
  options: { samples: number; progress?: boolean | undefined },
): Promise<JobRecord> {
  const progress = new Progress("evaluating", options.samples, options.progress, client.onProgress);
  let current = job;
  let delay = FIRST_POLL_MS;
  while (current.status === "queued" || current.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(MAX_POLL_MS, delay * 1.5);
    current = await client.call((trpc) => trpc.job.get.query({ id: job.id }));
    progress.set(Math.round(current.progress * options.samples));
  }
  if (current.status === "done") {
    progress.set(options.samples);
    progress.done();
    return current;
  }
  if (current.status === "cancelled")
    throw new EvaluationCancelledError(`the evaluation (job ${current.id}) was cancelled`);
  throw new RemoteError(
    `the server's evaluation (job ${current.id}) failed: ${current.error ?? "unknown"}`,
  );
}
