import type {
  EvaluatorConfiguration,
  JsonObject,
  JsonValue,
  MetricsRecord,
  TestSampleOf,
} from "@assay/workflow";

import { IncorrectUsageError } from "../client/errors";
import type { AnyWorkflow } from "../registry/binding";
import { clientFor } from "../registry/binding";
import type { ModelHandle } from "../registry/model";
import { sampleFromLine } from "../registry/samples";
import type { TestCaseHandle } from "../registry/test-case";
import type { TestSuiteHandle } from "../registry/test-suite";
import type { AnyEvaluator } from "./evaluators";
import { evaluatorName } from "./evaluators";
import type { RunOptions, TestRunOptions } from "./test-run";
import { findTestRun } from "./find-run";
import { TestRun } from "./test-run";

export type TestOptions = TestRunOptions & RunOptions;

/**
 * Tests a model on a test suite: infers every sample the model has no inference for yet (each sample once, across
 * test cases, suites and runs), uploads the inferences, and evaluates. When `infer` or the evaluator throws, the
 * run is marked crashed and the error is re-thrown.
 */
export async function test<W extends AnyWorkflow>(
  model: ModelHandle<W>,
  testSuite: TestSuiteHandle<W>,
  evaluator?: AnyEvaluator<W>,
  options: TestOptions = {},
): Promise<TestRun<W>> {
  if (testSuite.testCases.length === 0) {
    throw new IncorrectUsageError(
      `test suite '${testSuite.name}' has no test cases, please add test cases to the test suite`,
    );
  }
  const run = await TestRun.init(model, testSuite, evaluator, options);
  return run.run(options);
}

export interface TestCaseResults<W extends AnyWorkflow> {
  testCase: TestCaseHandle<W>;
  configuration: string;
  metrics: JsonObject;
  plots: Record<string, unknown>[];
}

export interface Results<W extends AnyWorkflow> {
  testSuite: { configuration: string; metrics: JsonObject }[];
  testCases: TestCaseResults<W>[];
}

export interface ResultsOptions<W extends AnyWorkflow> {
  /**
   * The evaluator the run used: an instance, a function, a built-in spec, its display name ("Classification"),
   * or a built-in evaluator's name ("classification"). It may be left out when the model has one run on the
   * suite version.
   */
  evaluator?: AnyEvaluator<W> | string;
  /** Only this configuration's results (its display name); every configuration's by default. */
  configuration?: string | EvaluatorConfiguration;
}

/** Reads back exactly what a test run stored: suite metrics, and per test case its metrics and plots. */
export async function loadResults<W extends AnyWorkflow>(
  model: ModelHandle<W>,
  testSuite: TestSuiteHandle<W>,
  options: ResultsOptions<W> = {},
): Promise<Results<W>> {
  const run = await findRun(model, testSuite, options.evaluator);
  const client = await clientFor(model.workflow);
  const configuration =
    typeof options.configuration === "string"
      ? options.configuration
      : options.configuration?.displayName;
  const stored = await client.call((trpc) =>
    trpc.testRun.results.query({ testRunId: run.id, configuration }),
  );
  const byId = new Map(testSuite.testCases.map((testCase) => [testCase.id, testCase]));
  return {
    testSuite: stored.testSuite,
    testCases: stored.testCases.map((item) => ({
      testCase: byId.get(item.testCaseId) as TestCaseHandle<W>,
      configuration: item.configuration,
      metrics: item.metrics,
      plots: item.plots,
    })),
  };
}

/**
 * Streams the per-sample metrics a run stored: `[testSample, metrics, testCaseId | null, configuration]`, for
 * every configuration the run evaluated (in the run's order) unless `configuration` names one.
 */
export async function* iterTestSampleMetrics<W extends AnyWorkflow>(
  model: ModelHandle<W>,
  testSuite: TestSuiteHandle<W>,
  options: ResultsOptions<W> & { testCase?: TestCaseHandle<W> } = {},
): AsyncGenerator<[TestSampleOf<W>, MetricsRecord, number | null, string]> {
  const run = await findRun(model, testSuite, options.evaluator);
  const client = await clientFor(model.workflow);
  const configurations =
    options.configuration === undefined
      ? run.evaluated
      : [
          typeof options.configuration === "string"
            ? options.configuration
            : options.configuration.displayName,
        ];
  for (const configuration of configurations) {
    const pages = client.pages((trpc, cursor) =>
      trpc.testRun.sampleMetrics.query({
        testRunId: run.id,
        configuration,
        testCaseId: options.testCase?.id,
        cursor,
        limit: 5000,
      }),
    );
    for await (const lines of pages) {
      for (const line of lines as unknown as SampleMetricsLine[]) {
        yield [
          sampleFromLine(model.workflow, line) as TestSampleOf<W>,
          line.metrics,
          line.testCaseId,
          configuration,
        ];
      }
    }
  }
}

interface SampleMetricsLine {
  id: number;
  testSample: Record<string, JsonValue>;
  metrics: MetricsRecord;
  testCaseId: number | null;
}

async function findRun<W extends AnyWorkflow>(
  model: ModelHandle<W>,
  testSuite: TestSuiteHandle<W>,
  evaluator: AnyEvaluator<W> | string | undefined,
) {
  const client = await clientFor(model.workflow);
  const name = evaluatorName(evaluator as AnyEvaluator<AnyWorkflow> | string | undefined);
  return findTestRun(client, model, testSuite, name);
}
