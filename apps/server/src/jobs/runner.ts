import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

import type { BulkWriter, JobOutcome } from "@assay/api";
import { fromWireFailure, hasJobToClaim, inlineWriter } from "@assay/api";
import type { DB } from "@assay/db";
import type { Piscina } from "piscina";

import type { Logger } from "../observability/logger";
import type { JobAnswer, JobTask } from "../threads/jobs-thread";
import { startThread } from "../threads/pool";

export interface JobRunnerOptions {
  db: DB;
  /**
   * Where its writes go (claiming, renewing leases, ending jobs): the server's writing thread, so that the
   * server's thread never waits for the store's write lock while a batch is being written. @default inline
   */
  writer?: BulkWriter;
  /** The store's file, which the jobs thread opens too. */
  file: string;
  /**
   * How long a claimed job stays this server's without a renewal: a server that stops (a crash, a lost machine)
   * has its job taken up by another, or by itself once restarted, this long after. @default 30_000
   */
  leaseMs?: number;
  /** How often it looks for queued jobs when nobody wakes it (jobs queued through another server). @default 1000 */
  pollMs?: number;
  /** Where it says which job it runs and how each ended. @default silent */
  logger?: Logger;
}

/**
 * Runs the store's queued jobs one at a time in the jobs thread, claiming each with a lease it renews while the
 * thread works. Any server may run any job: the lease, not this process, says whose it is.
 */
const JOBS_THREAD_IDLE_MS = 5_000;

export class JobRunner {
  /** This server process, as jobs' leases name it. */
  readonly owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private readonly pool: Piscina;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private current: { id: number; abort: AbortController } | null = null;
  private readonly loop: Promise<void>;
  private readonly writer: BulkWriter;

  constructor(private readonly options: JobRunnerOptions) {
    this.writer = options.writer ?? inlineWriter(options.db);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1000;
    this.pool = startThread("jobs", {
      workerData: { file: options.file },
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 },
      // An evaluation of a million samples leaves the thread's heap and page cache grown (about 25 MB the server
      // would otherwise keep for good); a new thread for the next job costs tens of milliseconds.
      idleMs: JOBS_THREAD_IDLE_MS,
    });
    this.loop = this.run();
  }

  /** A job was queued: look now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Stops: no new job is claimed, the running one gets `graceMs` to finish, and is then stopped and given back
   * (queued again, for the next server to run).
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    this.wake();
    const finished = this.loop.then(() => true);
    // Unref'd: once the job is done, the grace's timer must not keep a stopping process alive.
    if (!(await Promise.race([finished, sleep(graceMs, false, { ref: false })]))) {
      this.current?.abort.abort();
      await this.loop;
    }
    await this.pool.destroy();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let job = null;
      try {
        // Looked for first, without the write lock claiming takes: most of the time there is none.
        if (hasJobToClaim(this.options.db)) {
          job = await this.writer.run("claimNextJob", { owner: this.owner, leaseMs: this.leaseMs });
        }
      } catch (error) {
        this.logger?.warn({ err: error }, "could not claim a job");
      }
      if (job) await this.execute(job.id);
      else await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      const wake = () => done();
      this.wakeUp = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private async execute(id: number): Promise<void> {
    const started = Date.now();
    this.logger?.info({ job: id, owner: this.owner }, "job started");
    const abort = new AbortController();
    this.current = { id, abort };
    let lost = false;
    // Renewed five times a lease: a busy moment or two cannot lose it.
    const heartbeat = setInterval(() => {
      this.writer
        .run("renewLease", { id, owner: this.owner, leaseMs: this.leaseMs })
        .then((lease) => {
          if (lease) return;
          lost = true;
          abort.abort();
        })
        .catch((error: unknown) => {
          this.logger?.warn({ err: error, job: id }, "could not renew a job's lease");
        });
    }, this.leaseMs / 5);
    let outcome: JobOutcome;
    try {
      const answer = (await this.pool.run({ jobId: id } satisfies JobTask, {
        signal: abort.signal,
      })) as JobAnswer;
      if ("cancelled" in answer) outcome = { status: "cancelled" };
      else if ("failure" in answer) outcome = { status: "failed", error: describe(answer) };
      else outcome = { status: "done" };
    } catch (error) {
      // Aborted: the server is stopping (the job goes back to the queue), or another server holds it now.
      outcome = this.stopping
        ? { status: "queued" }
        : { status: "failed", error: `the jobs thread stopped: ${(error as Error).message}` };
    } finally {
      clearInterval(heartbeat);
      this.current = null;
    }
    const ms = Date.now() - started;
    if (lost) {
      this.logger?.warn({ job: id, ms }, "job stopped: its lease was lost to another server");
      return;
    }
    try {
      await this.writer.run("finishJob", { id, owner: this.owner, outcome });
      const level = outcome.status === "failed" ? "warn" : "info";
      this.logger?.[level]({ job: id, ms, ...outcome }, "job ended");
    } catch (error) {
      this.logger?.error({ err: error, job: id }, "could not record how a job ended");
    }
  }

  private get logger(): Logger | undefined {
    return this.options.logger;
  }
}

function describe(answer: { failure: Parameters<typeof fromWireFailure>[0] }): string {
  return fromWireFailure(answer.failure).message;
}
