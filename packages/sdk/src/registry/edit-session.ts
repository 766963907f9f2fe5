import type { RouterInputs } from "@assay/api";
import type { TestCaseRecord } from "@assay/workflow";

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
  // Large batches: each is one transaction on the server, and new samples go into an index keyed by content
  // hash, in random order, so a commit writes nearly one page per sample it holds. Fewer, larger commits write
  // each page once for many samples (1M-sample ingest: 50 s in batches of 5,000, see BENCHMARKS.md).
  private readonly batcher = new LineBatcher(20_000, 8 * 1024 * 1024);
  private editId: string | null = null;
  private seq = 0;
  private uploads: Promise<void> = Promise.resolve();
  private readonly descriptions: Record<string, string> = {};

  constructor(
    private readonly client: AssayClient,
    private readonly workflow: string,
    private readonly entries: EditEntry[],
  ) {}

  /**
   * Queues a line. When it completes a batch, the batch is sent after the ones before it, and the returned
   * promise settles when the previous batch is stored: a caller that awaits it builds the next batch while this
   * one travels and is written (one batch in flight, one being built), and fails at the first failed batch.
   */
  push(line: unknown): Promise<void> | null {
    const batch = this.batcher.push(line);
    if (batch === null) return null;
    const previous = this.uploads;
    this.uploads = previous.then(() => this.upload(batch));
    // Observed now so a failed batch is not an unhandled rejection; commit and abort await the chain.
    this.uploads.catch(() => undefined);
    return previous;
  }

  /** Sets a test case's new description; it takes effect with the rest of the edit. */
  describe(name: string, description: string): void {
    this.descriptions[name] = description;
  }

  /** Whether anything was queued: lines, or a description. */
  get touched(): boolean {
    return (
      this.editId !== null || this.batcher.pending > 0 || Object.keys(this.descriptions).length > 0
    );
  }

  async commit(): Promise<TestCaseRecord[]> {
    await this.uploads;
    const rest = this.batcher.take();
    if (this.editId === null) {
      const entries = this.entries.map((entry) => ({
        ...entry,
        description: this.descriptions[entry.name] ?? entry.description,
      }));
      return this.client.call((trpc) =>
        trpc.testCase.edit.mutate({ workflow: this.workflow, entries, lines: rest ?? "" }),
      );
    }
    if (rest !== null) await this.upload(rest);
    const editId = this.editId;
    const descriptions = this.descriptions;
    return this.client.call((trpc) => trpc.testCase.commitEdit.mutate({ editId, descriptions }));
  }

  async abort(): Promise<void> {
    await this.uploads.catch(() => undefined);
    const editId = this.editId;
    if (editId !== null)
      await this.client.call((trpc) => trpc.testCase.abortEdit.mutate({ editId }));
  }

  private async upload(lines: string): Promise<void> {
    if (this.editId === null) {
      const begun = await this.client.call((trpc) =>
        trpc.testCase.beginEdit.mutate({ workflow: this.workflow, entries: this.entries }),
      );
      this.editId = begun.editId;
    }
    const editId = this.editId;
    const seq = this.seq++;
    await this.client.call((trpc) => trpc.testCase.appendEdit.mutate({ editId, seq, lines }));
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
