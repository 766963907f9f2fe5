import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt, updatedAt } from "./columns";
import { testRuns } from "./test-runs";

export const JOB_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;

/**
 * Work the server does in the background (today: running a built-in evaluator over a test run's inferences). A
 * job is claimed with a lease: the server running it renews `leaseExpiresAt` while it works, and a job whose
 * lease ran out (its server stopped) is claimed again by any server, so no state lives only in one process.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: ["evaluate"] }).notNull(),
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    /** What the job needs besides the run, as JSON (the evaluator's spec). */
    inputJson: text().notNull(),
    status: text({ enum: JOB_STATUSES }).notNull().default("queued"),
    /** 0 to 1. */
    progress: real().notNull().default(0),
    message: text().notNull().default(""),
    /** Why it failed. */
    error: text(),
    /** How many times a server started it (a restart resumes it by running it again). */
    attempts: integer().notNull().default(0),
    /** Which server process holds it, and until when (milliseconds) unless it renews the lease. */
    leaseOwner: text(),
    leaseExpiresAt: integer(),
    cancelRequested: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: integer({ mode: "timestamp_ms" }),
    finishedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("jobs_by_status").on(t.status, t.id), index("jobs_by_run").on(t.testRunId, t.id)],
);
