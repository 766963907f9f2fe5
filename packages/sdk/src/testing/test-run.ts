import type {
  EvaluatorConfiguration,
  InferenceInputOf,
  JsonValue,
  TestSampleOf,
} from "@assay/workflow";
import type { TestRunRecord } from "@assay/workflow/wire";
import type { BuiltInEvaluatorSpec } from "@assay/metrics";
import { createBuiltInEvaluator } from "@assay/metrics";
import { Evaluator } from "@assay/workflow";
import { canonicalStringify } from "@assay/workflow/wire";

import type { AssayClient } from "../client/client";
import { AssayError, WorkflowMismatchError } from "../client/errors";
import type { AnyWorkflow } from "../registry/binding";
import { clientFor } from "../registry/binding";
import type { ModelHandle } from "../registry/model";
import { LineBatcher, sampleFromLine, sampleRef } from "../registry/samples";
import type { TestSuiteHandle } from "../registry/test-suite";
import { evaluate } from "./evaluate";
import type { AnyEvaluator } from "./evaluators";
import {
  configurationRecords,
  evaluatorMeanings,
  evaluatorName,
  isBuiltInSpec,
} from "./evaluators";
import { inferRemaining } from "./inference";
import type { ServerEvaluation } from "./server-evaluation";
import { waitForJob } from "./server-evaluation";

export interface TestRunOptions {
  /** Configurations for an evaluator function (class-based evaluators carry their own). */
  configurations?: readonly EvaluatorConfiguration[] | undefined;
  /** Infer every sample again, replacing stored inferences. */
  reset?: boolean | undefined;
}

export interface RunOptions {
  /** How many `infer` calls may run at once (for async models). @default 8 */
  concurrency?: number | undefined;
  /** Show progress on the terminal. @default whether stderr is a TTY */
  progress?: boolean | undefined;
  /** Re-infer this many already inferred samples and fail if any output changed. @default 0 */
  verifyDeterminism?: number | undefined;
  /** Evaluate even when nothing new was inferred and the results are up to date. @default false */
  reevaluate?: boolean | undefined;
  /**
   * Wait for the server's evaluation (a built-in evaluator) to finish. With false, `test()` returns once it is
   * queued; `run.evaluation` resolves when it is done. @default true
   */
  wait?: boolean | undefined;
}

/** Raised when a model gives different outputs for the same samples: Assay assumes models are deterministic. */
export class DeterminismError extends AssayError {
  override name = "DeterminismError";
  constructor(
    readonly differences: { testSample: unknown; stored: JsonValue; inferred: JsonValue }[],
    checked: number,
  ) {
    super(
      `the model is not deterministic: ${differences.length} of ${checked} re-inferred samples changed.\n` +
        differences
          .slice(0, 5)
          .map(
            (d) =>
              `  ${canonicalStringify(d.testSample)}\n    stored:   ${canonicalStringify(d.stored)}\n    inferred: ${canonicalStringify(d.inferred)}`,
          )
          .join("\n"),
    );
  }
}

/** A model tested on one test suite version by one evaluator. `test()` creates one and runs it. */
export class TestRun<W extends AnyWorkflow> {
  private constructor(
    private readonly client: AssayClient,
    readonly model: ModelHandle<W>,
    readonly testSuite: TestSuiteHandle<W>,
    readonly evaluator: AnyEvaluator<W> | undefined,
    private record: TestRunRecord,
    private readonly reset: boolean,
  ) {}

  private serverEvaluation: ServerEvaluation | undefined;

  /** Creates the run of (model, test suite version, evaluator), or retrieves it; configurations accumulate. */
  static async init<W extends AnyWorkflow>(
    model: ModelHandle<W>,
    testSuite: TestSuiteHandle<W>,
    evaluator?: AnyEvaluator<W>,
    options: TestRunOptions = {},
  ): Promise<TestRun<W>> {
    if (model.workflow.name !== testSuite.workflow.name) {
      throw new WorkflowMismatchError(
        `model '${model.name}' (workflow '${model.workflow.name}') and test suite '${testSuite.name}' (workflow '${testSuite.workflow.name}') belong to different workflows`,
      );
    }
    const configurations = configurationsOf(
      evaluator as AnyEvaluator<AnyWorkflow> | undefined,
      options.configurations,
    );
    const client = await clientFor(model.workflow);
    const record = await client.call((trpc) =>
      trpc.testRun.createOrRetrieve.mutate({
        modelId: model.id,
        testSuiteId: testSuite.id,
        evaluator: evaluatorName(evaluator as AnyEvaluator<AnyWorkflow> | undefined),
        configurations: configurationRecords(configurations),
        metricMeanings: evaluatorMeanings(evaluator as AnyEvaluator<AnyWorkflow> | undefined),
      }),
    );
    return new TestRun(client, model, testSuite, evaluator, record, options.reset ?? false);
  }

  get id(): number {
    return this.record.id;
  }
  get status(): TestRunRecord["status"] {
    return this.record.status;
  }

  /** The samples left to infer (all of them with `reset`), each once, page by page. */
  async *iterTestSamples(): AsyncGenerator<TestSampleOf<W>> {
    const pages = this.client.pages((trpc, cursor) =>
      trpc.testRun.remaining.query({ testRunId: this.id, all: this.reset, cursor, limit: 5000 }),
    );
    for await (const lines of pages) {
      for (const line of lines as unknown as {
        id: number;
        testSample: Record<string, JsonValue>;
      }[]) {
        yield sampleFromLine(this.model.workflow, line) as TestSampleOf<W>;
      }
    }
  }

  async loadTestSamples(): Promise<TestSampleOf<W>[]> {
    const out: TestSampleOf<W>[] = [];
    for await (const sample of this.iterTestSamples()) out.push(sample);
    return out;
  }

  /** Uploads inferences (validated first); with `reset` they replace stored ones. */
  async uploadInferences(
    pairs: Iterable<readonly [TestSampleOf<W>, InferenceInputOf<W>]>,
  ): Promise<void> {
    const batcher = new LineBatcher(10_000);
    const send = (lines: string | null) =>
      lines === null
        ? Promise.resolve()
        : this.client.call((trpc) =>
            trpc.testRun.uploadInferences.mutate({ testRunId: this.id, reset: this.reset, lines }),
          );
    for (const [sample, inference] of pairs) {
      await send(
        batcher.push({
          ...sampleRef(sample),
          inference: this.model.workflow.parseInference(inference),
        }),
      );
    }
    await send(batcher.take());
  }

  /**
   * Computes and stores the evaluator's results, and marks the run completed. A built-in evaluator is run by the
   * server, as a background job: `evaluation` then follows it, and with `{ wait: false }` this returns as soon as
   * the job is queued (await `run.evaluation` later; `cancelEvaluation()` stops it).
   */
  async evaluate(options: { wait?: boolean | undefined; progress?: boolean | undefined } = {}) {
    if (isBuiltInSpec(this.evaluator)) {
      const job = await this.client.call((trpc) =>
        trpc.testRun.evaluate.mutate({ testRunId: this.id, evaluator: this.evaluator as never }),
      );
      const samples = this.testSuite.testCases.reduce((sum, tc) => sum + tc.sampleCount, 0);
      const done = waitForJob(this.client, job, { samples, progress: options.progress }).then(
        async () => {
          this.record = await this.client.call((trpc) => trpc.testRun.get.query({ id: this.id }));
        },
      );
      // Observed now: a caller who does not wait must not get an unhandled rejection.
      done.catch(() => undefined);
      this.serverEvaluation = { jobId: job.id, done };
      if (options.wait !== false) await done;
      return;
    }
    const configurations = configurationsOf(
      this.evaluator as AnyEvaluator<AnyWorkflow> | undefined,
      this.record.configurations.map(toConfiguration),
    );
    const evaluated =
      this.evaluator === undefined
        ? []
        : await evaluate(
            {
              client: this.client,
              testRunId: this.id,
              model: this.model as ModelHandle<AnyWorkflow>,
              testSuite: this.testSuite as TestSuiteHandle<AnyWorkflow>,
              configurations,
            },
            this.evaluator as Exclude<AnyEvaluator<AnyWorkflow>, BuiltInEvaluatorSpec>,
          );
    // What the evaluator noticed in the data stays on the run, as the server's jobs leave it.
    const warnings =
      this.evaluator instanceof Evaluator ? this.evaluator.warnings().join("\n") : "";
    this.record = await this.client.call((trpc) =>
      trpc.testRun.status.mutate({
        testRunId: this.id,
        status: "completed",
        evaluated,
        message: warnings,
      }),
    );
  }

  /** The server's evaluation of this run, once `evaluate()` (or `test()`) started one: resolves when it is done. */
  get evaluation(): Promise<void> | undefined {
    return this.serverEvaluation?.done;
  }

  /** Stops the server's evaluation of this run (a queued one at once, a running one within moments). */
  async cancelEvaluation(): Promise<void> {
    const jobId = this.serverEvaluation?.jobId;
    if (jobId === undefined) return;
    await this.client.call((trpc) => trpc.job.cancel.mutate({ id: jobId }));
  }

  /** Records that the run failed, with the error, so the web UI shows it. */
  async markCrashed(error: unknown): Promise<void> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.record = await this.client.call((trpc) =>
      trpc.testRun.status.mutate({
        testRunId: this.id,
        status: "crashed",
        message: message.slice(0, 10_000),
      }),
    );
  }

  /** What `test()` does: infer what is left, check determinism if asked, evaluate unless up to date. */
  async run(options: RunOptions = {}): Promise<this> {
    try {
      const inferred = await inferRemaining(
        this.client,
        this.model.workflow,
        this.id,
        this.model.infer as never,
        {
          concurrency: options.concurrency ?? 8,
          reset: this.reset,
          progress: options.progress,
        },
      );
      if (options.verifyDeterminism)
        await verifyDeterminism(this.model, this.testSuite, options.verifyDeterminism);
      if (inferred === 0 && !this.reset && !options.reevaluate && this.upToDate()) return this;
      // A server's evaluation that fails marks the run crashed itself, waited for or not.
      await this.evaluate({ wait: options.wait, progress: options.progress });
      return this;
    } catch (error) {
      await this.markCrashed(error).catch(() => undefined);
      throw error;
    }
  }

  /** Completed, and every configuration evaluated over the current inferences. */
  private upToDate(): boolean {
    if (this.record.status !== "completed") return false;
    const wanted =
      this.evaluator === undefined ? [] : this.record.configurations.map((c) => c.displayName);
    const names = wanted.length > 0 || this.evaluator === undefined ? wanted : [""];
    return names.every((name) => this.record.evaluated.includes(name));
  }

  toJSON(): TestRunRecord {
    return this.record;
  }
}

function configurationsOf(
  evaluator: AnyEvaluator<AnyWorkflow> | undefined,
  given: readonly EvaluatorConfiguration[] | undefined,
): readonly EvaluatorConfiguration[] {
  if (evaluator instanceof Evaluator) return evaluator.configurations;
  if (isBuiltInSpec(evaluator)) return createBuiltInEvaluator(evaluator).configurations;
  return given ?? [];
}

function toConfiguration(record: {
  displayName: string;
  configuration: Record<string, JsonValue>;
}): EvaluatorConfiguration {
  return { ...record.configuration, displayName: record.displayName };
}

/**
 * Re-infers up to `count` samples the model already has inferences for, and throws `DeterminismError` listing
 * the samples whose inference changed.
 */
export async function verifyDeterminism<W extends AnyWorkflow>(
  model: ModelHandle<W>,
  testSuite: TestSuiteHandle<W>,
  count: number,
): Promise<{ checked: number }> {
  const infer = model.infer;
  if (!infer) throw new AssayError("verifyDeterminism needs the model's infer");
  const differences: DeterminismError["differences"] = [];
  let checked = 0;
  for (const testCase of testSuite.testCases) {
    for await (const [sample, , stored] of model.iterInferences(testCase)) {
      if (checked >= count) break;
      checked += 1;
      const again = model.workflow.parseInference(await infer(sample));
      if (canonicalStringify(again) !== canonicalStringify(stored)) {
        differences.push({
          testSample: sample,
          stored: stored as JsonValue,
          inferred: again as JsonValue,
        });
      }
    }
    if (checked >= count) break;
  }
  if (differences.length > 0) throw new DeterminismError(differences, checked);
  return { checked };
}
