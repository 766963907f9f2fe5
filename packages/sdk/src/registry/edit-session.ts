import type { RouterInputs } from "../client/app-router.gen";
import type { TestCaseRecord } from "@assay/workflow/wire";

import type { AssayClient } from "../client/client";
import { LineBatcher } from "./samples";

type EditEntry = RouterInputs["testCase"]["beginEdit"]["entries"][number];

/**
 * One edit of one or more test cases. Lines are batched; the first full batch begins an edit on the server and
 * later ones stream into it while the caller goes on, so a million-sample edit never sits in memory whole. A
 * small edit is sent as one request at commit. Nothing is visible to anyone until `commit`; `abort` (on any
 * error) leaves the store as it was.
 */
export class EditSession {
  // Each batch is one transaction on the server, and new samples go into an index keyed by content hash, in
  // random order, so a commit writes nearly one page per sample it holds: larger batches write each page once
  // for more samples (1M-sample ingest: 50 s in batches of 5,000). With two in flight and checkpoints off the
  // writing thread, 10,000 is as fast as 20,000 and keeps the server's peak memory 60–80 MB lower.
  private readonly batcher = new LineBatcher(10_000, 4 * 1024 * 1024);
  private begun: Promise<string> | null = null;
  private seq = 0;
  /** The last two batches sent, oldest first. */
  private recent: Promise<void>[] = [];
  private failure: Error | null = null;
  private readonly descriptions: Record<string, string> = {};
  /** Lines queued, and lines the server has stored (reported to the client's `onProgress`). */
  private queued = 0;
  private stored = 0;

  constructor(
    private readonly client: AssayClient,
    private readonly workflow: string,
    private readonly entries: EditEntry[],
  ) {}

  /**
   * Queues a line. When it completes a batch, the batch is sent once fewer than two are in flight (the server
   * validates one while it writes the other), and the returned promise settles when the batch before it is
   * stored: a caller that awaits it builds the next batch meanwhile, and fails at the first failed batch.
   */
  push(line: unknown): Promise<void> | null {
    this.queued += 1;
    const size = this.batcher.pending + 1;
    const batch = this.batcher.push(line);
    if (batch === null) return null;
    const [older, previous] = this.recent.length === 2 ? this.recent : [undefined, this.recent[0]];
    const upload = this.upload(batch, size, this.seq++, older);
    upload.catch(
      (error: unknown) =>
        (this.failure ??= error instanceof Error ? error : new Error(String(error))),
    );
    this.recent = previous ? [previous, upload] : [upload];
    const room = (previous ?? Promise.resolve()).then(() => this.settled());
    // Observed now so that callers who do not await it leave no unhandled rejection; commit throws it too.
    room.catch(() => undefined);
    return room;
  }

  private settled(): Promise<void> {
    return this.failure === null ? Promise.resolve() : Promise.reject(this.failure);
  }

  /** Sets a test case's new description; it takes effect with the rest of the edit. */
  describe(name: string, description: string): void {
    this.descriptions[name] = description;
  }

  /** Whether anything was queued: lines, or a description. */
  get touched(): boolean {
    return (
      this.begun !== null || this.batcher.pending > 0 || Object.keys(this.descriptions).length > 0
    );
  }

  async commit(): Promise<TestCaseRecord[]> {
    await Promise.allSettled(this.recent);
    await this.settled();
    const size = this.batcher.pending;
    const rest = this.batcher.take();
    let committed: TestCaseRecord[];
    if (this.begun === null) {
      const entries = this.entries.map((entry) => ({
        ...entry,
        description: this.descriptions[entry.name] ?? entry.description,
      }));
      committed = await this.client.call((trpc) =>
        trpc.testCase.edit.mutate({ workflow: this.workflow, entries, lines: rest ?? "" }),
      );
    } else {
      if (rest !== null) await this.upload(rest, size, this.seq++, undefined, { last: true });
      const editId = await this.begun;
      const descriptions = this.descriptions;
      committed = await this.client.call((trpc) =>
        trpc.testCase.commitEdit.mutate({ editId, descriptions }),
      );
    }
    if (this.queued > 0) this.client.onProgress?.(this.queued, this.queued);
    return committed;
  }

  async abort(): Promise<void> {
    await Promise.allSettled(this.recent);
    const editId = await this.begun?.catch(() => null);
    if (editId) await this.client.call((trpc) => trpc.testCase.abortEdit.mutate({ editId }));
  }

  /**
   * Sends batch `seq` (of `size` lines) once `after` (the batch two before it) is stored. Progress is reported per
   * stored batch but the last, which commit reports with the total.
   */
  private async upload(
    lines: string,
    size: number,
    seq: number,
    after?: Promise<void>,
    { last = false } = {},
  ): Promise<void> {
    this.begun ??= this.client
      .call((trpc) =>
        trpc.testCase.beginEdit.mutate({ workflow: this.workflow, entries: this.entries }),
      )
      .then((begun) => begun.editId);
    await after?.catch(() => undefined);
    if (this.failure !== null) throw this.failure;
    const editId = await this.begun;
    await this.client.call((trpc) => trpc.testCase.appendEdit.mutate({ editId, seq, lines }));
    this.stored += size;
    if (!last) this.client.onProgress?.(this.stored, undefined);
  }
}

/** Runs `fill` against a session and commits, or aborts when anything fails. */
export async function runEdit(
  session: EditSession,
  fill: () => Promise<void>,
): Promise<TestCaseRecord[]> {
  try {
    await fill();
    return await session.commit();
  } catch (error) {
    await session.abort().catch(() => undefined);
    throw error;
  }
}
