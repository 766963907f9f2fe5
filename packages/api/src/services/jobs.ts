import type { DB } from "@assay/db";
import {
  and,
  desc,
  eq,
  inArray,
  jobs,
  lt,
  or,
  sql,
  testRunConfigurations,
  testRuns,
  transaction,
} from "@assay/db";
import { BuiltInEvaluatorSpec, createBuiltInEvaluator } from "@assay/metrics";
import type { JobRecord } from "@assay/workflow/wire";
import { canonicalStringify, JobStatus, parseJson } from "@assay/workflow/wire";
import { z } from "zod";

import { incorrectUsage, notFound } from "../errors";
import { runRow } from "./test-runs";

/** A job whose server stopped this many times is failed rather than started again (it may be what stops it). */
export const MAX_JOB_ATTEMPTS = 3;

export const EvaluateInput = z.object({
  testRunId: z.int(),
  /** A built-in evaluator of `@assay/metrics`, as JSON: `{ name, options?, configurations? }`. */
  evaluator: BuiltInEvaluatorSpec,
});

type JobRow = typeof jobs.$inferSelect;

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    testRunId: row.testRunId,
    status: row.status,
    progress: row.progress,
    message: row.message,
    error: row.error,
    attempts: row.attempts,
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

function jobRow(db: DB, id: number): JobRow {
  const row = db.select().from(jobs).where(eq(jobs.id, id)).get();
  if (!row) throw notFound(`job ${id} not found`);
  return row;
}

export function getJob(db: DB, id: number): JobRecord {
  return toRecord(jobRow(db, id));
}

/** The built-in evaluator an evaluation job runs, as it was asked for. */
export function jobEvaluator(db: DB, id: number): BuiltInEvaluatorSpec {
  return BuiltInEvaluatorSpec.parse(parseJson(jobRow(db, id).inputJson));
}

const ACTIVE: JobStatus[] = ["queued", "running"];

/**
 * Queues a built-in evaluator's run over a test run's stored inferences, to be done by the server in the
 * background (see the server's job runner); returns the job. The run's configurations are recorded now. Asking
 * again while the same evaluation is queued or running returns that job rather than a second one.
 */
export function enqueueEvaluation(db: DB, raw: z.input<typeof EvaluateInput>): JobRecord {
  const input = EvaluateInput.parse(raw);
  const evaluator = createBuiltInEvaluator(input.evaluator);
  const run = runRow(db, input.testRunId);
  if (run.evaluator !== evaluator.displayName()) {
    throw incorrectUsage(
      `test run ${run.id} is for evaluator '${run.evaluator || "(none)"}', not '${evaluator.displayName()}'`,
    );
  }
  const inputJson = canonicalStringify(input.evaluator);
  return transaction(db, () => {
    for (const configuration of evaluator.configurations) {
      db.insert(testRunConfigurations)
        .values({
          testRunId: run.id,
          displayName: configuration.displayName,
          configurationJson: canonicalStringify(configuration),
        })
        .onConflictDoNothing()
        .run();
    }
    const active = db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.testRunId, run.id),
          inArray(jobs.status, ACTIVE),
          eq(jobs.inputJson, inputJson),
          eq(jobs.cancelRequested, false),
        ),
      )
      .get();
    if (active) return toRecord(active);
    // The run keeps what the built-in evaluator's metrics mean, as a script's run does (the SDK sends them).
    db.update(testRuns)
      .set({
        status: "running",
        progress: 0,
        message: "waiting to be evaluated",
        metricMeaningsJson: canonicalStringify(evaluator.metricMeanings()),
      })
      .where(eq(testRuns.id, run.id))
      .run();
    const row = db
      .insert(jobs)
      .values({ kind: "evaluate", testRunId: run.id, inputJson })
      .returning()
      .get();
    return toRecord(row);
  });
}

export const ListJobsInput = z.object({
  testRunId: z.int().optional(),
  status: z.array(JobStatus).optional(),
  limit: z.int().min(1).max(500).default(100),
});

/** Jobs, newest first: of one test run, or in given states (the web UI shows those under way). */
export function listJobs(db: DB, raw: z.input<typeof ListJobsInput>): JobRecord[] {
  const input = ListJobsInput.parse(raw);
  const where = and(
    input.testRunId === undefined ? undefined : eq(jobs.testRunId, input.testRunId),
    input.status === undefined ? undefined : inArray(jobs.status, input.status),
  );
  return db
    .select()
    .from(jobs)
    .where(where)
    .orderBy(desc(jobs.id))
    .limit(input.limit)
    .all()
    .map(toRecord);
}

/**
 * Cancels a job: a queued one at once, a running one when its server next looks (between chunks of samples).
 * Its test run is marked crashed ("cancelled"); what the evaluation stored so far stays, out of date.
 */
export function cancelJob(db: DB, id: number): JobRecord {
  return transaction(db, () => {
    const row = jobRow(db, id);
    if (row.status === "queued") {
      settle(db, row, { status: "cancelled" });
    } else if (row.status === "running") {
      db.update(jobs).set({ cancelRequested: true }).where(eq(jobs.id, id)).run();
    }
    return getJob(db, id);
  });
}

/** A job to do at `now`: queued, or running under a lease that ran out (its server stopped). */
const claimable = (now: number) =>
  or(eq(jobs.status, "queued"), and(eq(jobs.status, "running"), lt(jobs.leaseExpiresAt, now)));

/** Whether there is a job to claim (without taking the store's write lock, as claiming does). */
export function hasJobToClaim(db: DB, now = Date.now()): boolean {
  return db.select({ id: jobs.id }).from(jobs).where(claimable(now)).limit(1).get() !== undefined;
}

/**
 * Claims the oldest job to do, for `owner` (a server process) until `now + leaseMs` unless renewed: a queued
 * one, or a running one whose lease ran out (its server stopped), which is started again. A job started
 * MAX_JOB_ATTEMPTS times already is failed instead. In one transaction, so two servers never claim one job.
 */
export function claimNextJob(
  db: DB,
  owner: string,
  leaseMs: number,
  now = Date.now(),
): JobRecord | null {
  return transaction(db, () => {
    for (;;) {
      const row = db.select().from(jobs).where(claimable(now)).orderBy(jobs.id).limit(1).get();
      if (!row) return null;
      if (row.cancelRequested) {
        settle(db, row, { status: "cancelled" });
        continue;
      }
      if (row.status === "running" && row.attempts >= MAX_JOB_ATTEMPTS) {
        settle(db, row, {
          status: "failed",
          error: `the server running it stopped ${row.attempts} times before it finished`,
        });
        continue;
      }
      const resumed = row.status === "running";
      const claimed = db
        .update(jobs)
        .set({
          status: "running",
          leaseOwner: owner,
          leaseExpiresAt: now + leaseMs,
          attempts: row.attempts + 1,
          startedAt: row.startedAt ?? new Date(now),
          progress: 0,
          message: resumed ? "started again after its server stopped" : "started",
        })
        .where(eq(jobs.id, row.id))
        .returning()
        .get();
      return toRecord(claimed);
    }
  });
}

/**
 * Renews a job's lease while its server works on it. Null when the server no longer holds it (its lease ran out
 * and another server took it): the server must stop. Says whether a cancellation was asked for.
 */
export function renewLease(
  db: DB,
  id: number,
  owner: string,
  leaseMs: number,
  now = Date.now(),
): { cancelRequested: boolean } | null {
  const row = db
    .update(jobs)
    .set({ leaseExpiresAt: now + leaseMs })
    .where(and(eq(jobs.id, id), eq(jobs.leaseOwner, owner), eq(jobs.status, "running")))
    .returning({ cancelRequested: jobs.cancelRequested })
    .get();
  return row ?? null;
}

/** Whether someone asked to cancel the job (the job's own thread looks between chunks of work). */
export function cancelRequested(db: DB, id: number): boolean {
  return (
    db.select({ flag: jobs.cancelRequested }).from(jobs).where(eq(jobs.id, id)).get()?.flag ?? false
  );
}

/** Progress of a running job, shown with its test run. */
export function recordJobProgress(db: DB, id: number, progress: number, message: string): void {
  transaction(db, () => {
    const row = jobRow(db, id);
    db.update(jobs).set({ progress, message }).where(eq(jobs.id, id)).run();
    db.update(testRuns).set({ progress, message }).where(eq(testRuns.id, row.testRunId)).run();
  });
}

export type JobOutcome =
  | { status: "done" }
  | { status: "failed"; error: string }
  | { status: "cancelled" }
  /** Not finished: the server stops, and the next one takes the job up again. */
  | { status: "queued" };

/** Ends a job `owner` holds (a no-op when it holds it no more), and says so on its test run. */
export function finishJob(db: DB, id: number, owner: string, outcome: JobOutcome): JobRecord {
  return transaction(db, () => {
    const row = jobRow(db, id);
    if (row.status === "running" && row.leaseOwner === owner) settle(db, row, outcome);
    return getJob(db, id);
  });
}

function settle(db: DB, row: JobRow, outcome: JobOutcome): void {
  const finished = outcome.status !== "queued";
  db.update(jobs)
    .set({
      status: outcome.status,
      error: outcome.status === "failed" ? outcome.error : null,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: finished ? new Date() : null,
      ...(outcome.status === "done" ? { progress: 1, message: "done" } : {}),
      ...(outcome.status === "queued"
        ? { message: "waiting for a server (the last one stopped)" }
        : {}),
    })
    .where(eq(jobs.id, row.id))
    .run();
  if (outcome.status === "failed" || outcome.status === "cancelled") {
    const message =
      outcome.status === "failed" ? `evaluation failed: ${outcome.error}` : "evaluation cancelled";
    db.update(testRuns)
      .set({ status: "crashed", message: message.slice(0, 10_000) })
      .where(eq(testRuns.id, row.testRunId))
      .run();
  }
}

/** Jobs by status, for /metrics. */
export function countJobs(db: DB): Record<JobStatus, number> {
  const counts: Record<JobStatus, number> = {
    queued: 0,
    running: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const row of db
    .select({ status: jobs.status, n: sql<number>`count(*)` })
    .from(jobs)
    .groupBy(jobs.status)
    .all()) {
    counts[row.status] = row.n;
  }
  return counts;
}
