import type { BuiltInEvaluatorSpec } from "@assay/metrics";
import type { EvaluatorConfiguration, MetricsRecord, Plot } from "@assay/workflow";
import { Evaluator } from "@assay/workflow";
import { runEvaluator } from "@assay/workflow/wire";

import type { AssayClient } from "../client/client";
import { IncorrectUsageError } from "../client/errors";
import type { AnyWorkflow } from "../registry/binding";
import type { ModelHandle } from "../registry/model";
import { LineBatcher, sampleIdOf, sampleRef } from "../registry/samples";
import type { TestCaseHandle } from "../registry/test-case";
import type { TestSuiteHandle } from "../registry/test-suite";
import type { AnyEvaluator, EvaluationResults, EvaluatorFunction } from "./evaluators";
import { takesConfiguration, TestCases } from "./evaluators";

export interface EvaluationContext {
  client: AssayClient;
  testRunId: number;
  model: ModelHandle<AnyWorkflow>;
  testSuite: TestSuiteHandle<AnyWorkflow>;
  configurations: readonly EvaluatorConfiguration[];
}

/**
 * Evaluates with a class-based evaluator or an evaluator function, in this process, storing the results; returns
 * the configurations evaluated. (A built-in evaluator is run by the server: see `startServerEvaluation`.)
 */
export async function evaluate(
  context: EvaluationContext,
  evaluator: Exclude<AnyEvaluator<AnyWorkflow>, BuiltInEvaluatorSpec>,
): Promise<string[]> {
  if (evaluator instanceof Evaluator) return evaluateWithClass(context, evaluator);
  return evaluateWithFunction(context, evaluator as EvaluatorFunction<AnyWorkflow>);
}

async function evaluateWithClass(
  context: EvaluationContext,
  evaluator: Evaluator,
): Promise<string[]> {
  const { client, testRunId, model, testSuite } = context;
  let lastProgress = 0;
  return runEvaluator(evaluator, {
    testSuite: { name: testSuite.name, version: testSuite.version },
    testCases: testSuite.testCases,
    loadInferences: (testCase) => model.loadInferences(testCase),
    saveSampleMetrics: (testCase, configuration, metrics) =>
      uploadSampleMetrics(client, testRunId, configuration, testCase.id, metrics),
    saveTestCaseResults: async (testCase, configuration, metrics, plots) => {
      await client.call((trpc) =>
        trpc.testRun.uploadTestCaseResults.mutate({
          testRunId,
          items: [{ testCaseId: testCase.id, configuration, metrics, ...(plots ? { plots } : {}) }],
        }),
      );
    },
    saveTestSuiteMetrics: async (configuration, metrics) => {
      await client.call((trpc) =>
        trpc.testRun.uploadTestSuiteMetrics.mutate({
          testRunId,
          items: [{ configuration, metrics }],
        }),
      );
    },
    progress: async (done, total, message) => {
      // Progress is for people watching the web UI: once a second is plenty.
      if (Date.now() - lastProgress < 1000 && done < total) return;
      lastProgress = Date.now();
      await client.call((trpc) =>
        trpc.testRun.status.mutate({ testRunId, progress: done / total, message }),
      );
    },
  });
}

/**
 * An evaluator function sees every sample of the suite once (however many test cases hold it), with the test
 * cases to split them by. Its per-sample metrics are shared by all test cases.
 */
async function evaluateWithFunction(
  context: EvaluationContext,
  fn: EvaluatorFunction<AnyWorkflow>,
): Promise<string[]> {
  const { client, testRunId, model, testSuite, configurations } = context;
  if (takesConfiguration(fn) && configurations.length === 0) {
    throw new IncorrectUsageError(
      "evaluator requires configuration but no configurations provided",
    );
  }
  const testSamples: Record<string, unknown>[] = [];
  const groundTruths: Record<string, unknown>[] = [];
  const inferences: Record<string, unknown>[] = [];
  const seen = new Set<number>();
  const membership: [TestCaseHandle<AnyWorkflow>, number[]][] = [];
  for (const testCase of testSuite.testCases) {
    const ids: number[] = [];
    for await (const [sample, groundTruth, inference] of model.iterInferences(testCase)) {
      const id = sampleIdOf(sample) as number;
      ids.push(id);
      if (seen.has(id)) continue;
      seen.add(id);
      testSamples.push(sample);
      groundTruths.push(groundTruth);
      inferences.push(inference);
    }
    if (ids.length > 0) membership.push([testCase, ids]);
  }
  const runs: (EvaluatorConfiguration | undefined)[] = takesConfiguration(fn)
    ? [...configurations]
    : [undefined];
  const evaluated: string[] = [];
  let done = 0;
  for (const configuration of runs) {
    const name = configuration?.displayName ?? "";
    const testCases = new TestCases(membership, (testCase) => {
      done += 1;
      const progress = done / (runs.length * Math.max(membership.length, 1));
      const message = `computed metrics for test case '${testCase.name}' (v${testCase.version})${name ? ` (configuration: ${name})` : ""}`;
      void client
        .call((trpc) => trpc.testRun.status.mutate({ testRunId, progress, message }))
        .catch(() => undefined);
    });
    const results = await fn(testSamples, groundTruths, inferences, testCases, configuration);
    if (results) await storeResults(context, name, results);
    evaluated.push(name);
  }
  return evaluated;
}

async function storeResults(
  context: EvaluationContext,
  configuration: string,
  results: EvaluationResults<AnyWorkflow>,
) {
  const { client, testRunId } = context;
  await uploadSampleMetrics(client, testRunId, configuration, null, results.metricsTestSample);
  const plots = new Map<number, Plot[]>(
    (results.plotsTestCase ?? []).map(([testCase, list]) => [testCase.id, list]),
  );
  const items = results.metricsTestCase.map(([testCase, metrics]) => ({
    testCaseId: testCase.id,
    configuration,
    metrics,
    ...(plots.has(testCase.id) ? { plots: plots.get(testCase.id) } : {}),
  }));
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500);
    await client.call((trpc) =>
      trpc.testRun.uploadTestCaseResults.mutate({ testRunId, items: chunk }),
    );
  }
  const suiteMetrics = results.metricsTestSuite;
  if (suiteMetrics !== undefined) {
    await client.call((trpc) =>
      trpc.testRun.uploadTestSuiteMetrics.mutate({
        testRunId,
        items: [{ configuration, metrics: suiteMetrics }],
      }),
    );
  }
}

async function uploadSampleMetrics(
  client: AssayClient,
  testRunId: number,
  configuration: string,
  testCaseId: number | null,
  metrics: readonly (readonly [unknown, MetricsRecord])[],
): Promise<void> {
  const batcher = new LineBatcher(10_000);
  const send = (lines: string | null) =>
    lines === null
      ? Promise.resolve()
      : client.call((trpc) =>
          trpc.testRun.uploadSampleMetrics.mutate({ testRunId, configuration, testCaseId, lines }),
        );
  for (const [sample, value] of metrics)
    await send(batcher.push({ ...sampleRef(sample as object), metrics: value }));
  await send(batcher.take());
}
