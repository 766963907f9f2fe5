import type { InferFn, JsonValue } from "@assay/workflow";
import { InputValidationError } from "@assay/workflow";
import { canonicalStringify } from "@assay/workflow/wire";

import type { AssayClient } from "../client/client";
import { IncorrectUsageError } from "../client/errors";
import type { AnyWorkflow } from "../registry/binding";
import { LineBatcher, sampleFromLine } from "../registry/samples";
import { Progress } from "./progress";

interface RemainingLine {
  id: number;
  testSample: Record<string, JsonValue>;
  metadata: Record<string, JsonValue>;
}

export interface InferOptions {
  concurrency: number;
  reset: boolean;
  progress: boolean | undefined;
}

/**
 * Infers every sample the run has left (all of them with `reset`) and uploads the inferences. Samples stream in
 * pages, `infer` runs at most `concurrency` at a time, and full batches upload while inference goes on (at most
 * two batches in flight), so memory stays flat however many samples there are. Returns how many were inferred.
 */
export async function inferRemaining(
  client: AssayClient,
  workflow: AnyWorkflow,
  testRunId: number,
  infer: InferFn<AnyWorkflow> | undefined,
  options: InferOptions,
): Promise<number> {
  const progress = new Progress("inferring", undefined, options.progress, client.onProgress);
  const batcher = new LineBatcher(10_000);
  const uploads: Promise<unknown>[] = [];
  const upload = async (lines: string) => {
    await client.call((trpc) =>
      trpc.testRun.uploadInferences.mutate({ testRunId, reset: options.reset, lines }),
    );
  };
  const queue = async (lines: string | null) => {
    if (lines === null) return;
    const pending = upload(lines);
    // Observed now so a failure while inference goes on is not an unhandled rejection; awaited below.
    pending.catch(() => undefined);
    uploads.push(pending);
    // Backpressure: wait for the oldest upload once two are in flight.
    if (uploads.length >= 2) await uploads.shift();
  };
  const record = async (id: number, sample: unknown, output: unknown) => {
    let inference: unknown;
    try {
      inference = workflow.parseInference(output);
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error;
      // Say which sample: the model (or the inferences file) is wrong for this one.
      const which = canonicalStringify(sample);
      throw new InputValidationError(
        error.issues.map((issue) => ({
          ...issue,
          reason: `${issue.reason} (the inference of ${which.length > 200 ? `${which.slice(0, 200)}…` : which})`,
        })),
      );
    }
    progress.advance();
    await queue(batcher.push({ sampleId: id, inference }));
  };

  let inferred = 0;
  const inFlight = new Set<Promise<void>>();
  const pages = client.pages((trpc, cursor) =>
    trpc.testRun.remaining.query({ testRunId, all: options.reset, cursor, limit: 5000 }),
  );
  for await (const lines of pages) {
    for (const line of lines as unknown as RemainingLine[]) {
      if (!infer)
        throw new IncorrectUsageError(
          "model must implement `infer` to be tested: pass { infer } to Model.init",
        );
      inferred += 1;
      const sample = sampleFromLine(workflow, line);
      const output = infer(sample);
      if (!isPromise(output)) {
        // A synchronous infer needs no promise per sample.
        await record(line.id, sample, output);
        continue;
      }
      const task = output.then((value) => record(line.id, sample, value));
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task)).catch(() => undefined);
      if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);
  await queue(batcher.take());
  await Promise.all(uploads);
  progress.done();
  return inferred;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
