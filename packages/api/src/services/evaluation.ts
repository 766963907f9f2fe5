import type { DB } from "@assay/db";
import { transaction } from "@assay/db";
import type { TestCaseStream } from "@assay/metrics";
import { createBuiltInEvaluator, int32Column, streamTestCase } from "@assay/metrics";
import type { JsonValue, MetricsRecord, TestCaseRef } from "@assay/workflow";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { canonicalStringify, decodeLines } from "@assay/workflow/wire";

import { modelInferences } from "./inferences";
import { cancelRequested, getJob, jobEvaluator, recordJobProgress } from "./jobs";
import { modelRow } from "./models";
import { sampleMetricsWriter, uploadTestCaseResults, uploadTestSuiteMetrics } from "./results";
import { runRow, updateTestRunStatus } from "./test-runs";
import { getTestSuiteVersion } from "./test-suites";
import { getWorkflowById, workflowSchema } from "./workflows";

/** Samples read, and sample metrics written, per chunk (and per transaction). */
const CHUNK = 5000;
/** Progress is for people watching: once a second is plenty. */
const PROGRESS_EVERY_MS = 1000;

interface InferenceLine {
  id: number;
  testSample: Record<string, JsonValue>;
  metadata: Record<string, JsonValue>;
  groundTruth: Record<string, JsonValue>;
  inference: Record<string, JsonValue>;
}

/** Does a job's work (today every job is an evaluation); returns what it evaluated. */
export function runJob(db: DB, jobId: number): Promise<string[]> {
  return runEvaluationJob(db, jobId);
}

/** The job was cancelled while it ran. */
export class JobCancelled extends Error {
  override name = "JobCancelled";
}

/**
 * Runs an evaluation job: the built-in evaluator over the run's stored inferences, one test case at a time, each
 * read in chunks of 5,000 samples into the evaluator's columns, so memory is bounded by one test case's columns,
 * not by its samples. Results are stored as a client's upload would store them (a chunk per transaction), the
 * run is marked evaluated and completed, and progress goes on the job and its run. Throws `JobCancelled` when a
 * cancellation is seen between chunks. Runs in the server's jobs thread, on its own connection.
 */
export async function runEvaluationJob(db: DB, jobId: number): Promise<string[]> {
  const job = getJob(db, jobId);
  const evaluator = createBuiltInEvaluator(jobEvaluator(db, jobId));
  const run = runRow(db, job.testRunId);
  const suite = getTestSuiteVersion(db, run.testSuiteVersionId);
  const workflow = getWorkflowById(db, modelRow(db, run.modelId).workflowId);
  const withMetadata = "metadata" in (workflowSchema(workflow).testSample.properties ?? {});
  const total = Math.max(
    1,
    suite.testCases.reduce((sum, tc) => sum + tc.sampleCount, 0),
  );
  let done = 0;
  let reported = 0;
  const report = (message: string, force = false) => {
    if (!force && Date.now() - reported < PROGRESS_EVERY_MS) return;
    reported = Date.now();
    recordJobProgress(db, jobId, Math.min(0.99, done / total), message);
  };
  const checkCancelled = () => {
    if (cancelRequested(db, jobId)) throw new JobCancelled(`job ${jobId} was cancelled`);
  };

  const perConfiguration = new Map<string, [TestCaseRef, MetricsRecord][]>();
  for (const testCase of suite.testCases) {
    const label = `test case '${testCase.name}' (v${testCase.version})`;
    const stream = streamTestCase(evaluator, testCase);
    const ids = int32Column();
    let cursor: string | null = null;
    do {
      checkCancelled();
      const page = modelInferences(db, {
        modelId: run.modelId,
        testCaseId: testCase.id,
        cursor,
        limit: CHUNK,
      });
      const lines = decodeLines(page.lines) as unknown as InferenceLine[];
      stream.add(
        lines.map((line) => {
          ids.push(line.id);
          const sample = withMetadata
            ? { ...line.testSample, metadata: line.metadata }
            : line.testSample;
          return [sample, line.groundTruth, line.inference] as const;
        }),
      );
      done += lines.length;
      report(`reading ${label}: ${stream.count.toLocaleString("en")} samples`);
      cursor = page.nextCursor;
    } while (cursor !== null);
    checkCancelled();
    await store(db, run.id, testCase, stream, ids.done(), perConfiguration);
    report(`evaluated ${label}`, true);
  }
  for (const configuration of evaluator.configurations.length > 0
    ? evaluator.configurations.map((c) => c.displayName)
    : [""]) {
    const metrics = await evaluator.computeTestSuiteMetrics(
      { name: suite.name, version: suite.version },
      perConfiguration.get(configuration) ?? [],
      evaluator.configurations.find((c) => c.displayName === configuration),
    );
    if (metrics !== undefined)
      uploadTestSuiteMetrics(db, { testRunId: run.id, items: [{ configuration, metrics }] });
  }
  const evaluated = [...perConfiguration.keys()];
  // What the evaluator noticed (scores read the wrong way, say) stays on the run for the SDK, CLI and web UI.
  const message = evaluator.warnings().join("\n");
  updateTestRunStatus(db, { testRunId: run.id, status: "completed", message, evaluated });
  return evaluated;
}

/** A test case's results, per configuration: sample metrics a chunk per transaction, then metrics and plots. */
async function store(
  db: DB,
  testRunId: number,
  testCase: TestCaseRecord,
  stream: TestCaseStream,
  ids: Int32Array,
  perConfiguration: Map<string, [TestCaseRef, MetricsRecord][]>,
): Promise<void> {
  for (const result of await stream.finish()) {
    const write = sampleMetricsWriter(db, testRunId, result.configuration, testCase.id);
    for (let start = 0; start < ids.length; start += CHUNK) {
      const end = Math.min(ids.length, start + CHUNK);
      const metrics = result.sampleMetrics(start, end);
      transaction(db, () => {
        metrics.forEach((value, k) => write(ids[start + k] as number, canonicalStringify(value)));
      });
    }
    uploadTestCaseResults(db, {
      testRunId,
      items: [
        {
          testCaseId: testCase.id,
          configuration: result.configuration,
          metrics: result.metrics,
          plots: result.plots,
        },
      ],
    });
    perConfiguration.set(result.configuration, [
      ...(perConfiguration.get(result.configuration) ?? []),
      [testCase, result.metrics],
    ]);
  }
}
