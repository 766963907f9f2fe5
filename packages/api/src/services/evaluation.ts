import type { DB } from "@assay/db";
import { testRunConfigurations } from "@assay/db";
import { BuiltInEvaluatorSpec, createBuiltInEvaluator } from "@assay/metrics";
import type { JsonValue } from "@assay/workflow";
import type { TestRunRecord } from "@assay/workflow/wire";
import { canonicalStringify, decodeLines, encodeLines, runEvaluator } from "@assay/workflow/wire";
import { z } from "zod";

import { incorrectUsage } from "../errors";
import { modelInferences } from "./inferences";
import { modelRow } from "./models";
import { uploadSampleMetrics, uploadTestCaseResults, uploadTestSuiteMetrics } from "./results";
import { getTestRun, runRow, updateTestRunStatus } from "./test-runs";
import { getTestSuiteVersion } from "./test-suites";
import { getWorkflowById, workflowSchema } from "./workflows";

export const EvaluateInput = z.object({
  testRunId: z.int(),
  /** A built-in evaluator of `@assay/metrics`, as JSON: `{ name, options?, configurations? }`. */
  evaluator: BuiltInEvaluatorSpec,
});

interface InferenceLine {
  id: number;
  testSample: Record<string, JsonValue>;
  metadata: Record<string, JsonValue>;
  groundTruth: Record<string, JsonValue>;
  inference: Record<string, JsonValue>;
}

/**
 * Runs a built-in evaluator on the server, over the inferences it already stores: no data travels to a client.
 * Results are stored as if a client had uploaded them, and the run is marked evaluated and completed (or
 * crashed, with the error, when the evaluator fails).
 */
export async function evaluateOnServer(
  db: DB,
  raw: z.input<typeof EvaluateInput>,
): Promise<TestRunRecord> {
  const input = EvaluateInput.parse(raw);
  const evaluator = createBuiltInEvaluator(input.evaluator);
  const run = runRow(db, input.testRunId);
  if (run.evaluator !== evaluator.displayName()) {
    throw incorrectUsage(
      `test run ${run.id} is for evaluator '${run.evaluator || "(none)"}', not '${evaluator.displayName()}'`,
    );
  }
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
  const suite = getTestSuiteVersion(db, run.testSuiteVersionId);
  const workflow = getWorkflowById(db, modelRow(db, run.modelId).workflowId);
  const withMetadata = "metadata" in (workflowSchema(workflow).testSample.properties ?? {});
  const sampleIds = new Map<object, number>();
  try {
    const evaluated = await runEvaluator(evaluator, {
      testSuite: { name: suite.name, version: suite.version },
      testCases: suite.testCases,
      loadInferences: (testCase) =>
        Promise.resolve(readTriples(db, run.modelId, testCase.id, withMetadata, sampleIds)),
      saveSampleMetrics: (testCase, configuration, metrics) => {
        const lines = encodeLines(
          metrics.map(([sample, value]) => ({
            sampleId: sampleIds.get(sample as object),
            metrics: value,
          })),
        );
        uploadSampleMetrics(db, {
          testRunId: run.id,
          configuration,
          testCaseId: testCase.id,
          lines,
        });
        return Promise.resolve();
      },
      saveTestCaseResults: (testCase, configuration, metrics, plots) => {
        const item = {
          testCaseId: testCase.id,
          configuration,
          metrics,
          ...(plots ? { plots } : {}),
        };
        uploadTestCaseResults(db, { testRunId: run.id, items: [item] });
        return Promise.resolve();
      },
      saveTestSuiteMetrics: (configuration, metrics) => {
        uploadTestSuiteMetrics(db, { testRunId: run.id, items: [{ configuration, metrics }] });
        return Promise.resolve();
      },
      progress: (done, total, message) =>
        void updateTestRunStatus(db, { testRunId: run.id, progress: done / total, message }),
    });
    updateTestRunStatus(db, { testRunId: run.id, status: "completed", evaluated });
    return getTestRun(db, run.id);
  } catch (error) {
    updateTestRunStatus(db, { testRunId: run.id, status: "crashed", message: String(error) });
    throw error;
  }
}

/** Every `[testSample, groundTruth, inference]` of a test case version, remembering each sample's id. */
function readTriples(
  db: DB,
  modelId: number,
  testCaseId: number,
  withMetadata: boolean,
  ids: Map<object, number>,
) {
  const triples: [
    Record<string, JsonValue>,
    Record<string, JsonValue>,
    Record<string, JsonValue>,
  ][] = [];
  let cursor: string | null = null;
  do {
    const page = modelInferences(db, { modelId, testCaseId, cursor, limit: 10_000 });
    for (const line of decodeLines(page.lines) as unknown as InferenceLine[]) {
      const sample = withMetadata
        ? { ...line.testSample, metadata: line.metadata }
        : line.testSample;
      ids.set(sample, line.id);
      triples.push([sample, line.groundTruth, line.inference]);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return triples;
}
