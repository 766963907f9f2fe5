import type {
  Evaluator,
  EvaluatorConfiguration,
  InferenceTriple,
  MetricsRecord,
  TestCaseRef,
  TestSuiteRef,
} from "./evaluator";
import type { Plot } from "./plots";

/** Where an evaluation reads its inputs and writes its results: the SDK over HTTP, the server on its store. */
export interface EvaluationIO<TC extends TestCaseRef, TS, GT, INF> {
  testSuite: TestSuiteRef;
  /** In suite order; empty test cases included (class-based evaluators see them too). */
  testCases: readonly TC[];
  loadInferences(testCase: TC): Promise<InferenceTriple<TS, GT, INF>[]>;
  saveSampleMetrics(
    testCase: TC,
    configuration: string,
    metrics: (readonly [TS, MetricsRecord])[],
  ): Promise<void>;
  saveTestCaseResults(
    testCase: TC,
    configuration: string,
    metrics: MetricsRecord,
    plots: Plot[] | undefined,
  ): Promise<void>;
  saveTestSuiteMetrics(configuration: string, metrics: MetricsRecord): Promise<void>;
  progress?(done: number, total: number, message: string): void | Promise<void>;
}

/** The name results are stored under: the configuration's display name, or "" without configurations. */
export const configurationName = (configuration: EvaluatorConfiguration | undefined) =>
  configuration?.displayName ?? "";

/**
 * Runs a class-based evaluator over a test suite: for each test case (in order) and each configuration, sample
 * metrics, then test case metrics and plots; then suite metrics per configuration. Each test case's inferences
 * are loaded once for all configurations. Returns the configurations evaluated.
 */
export async function runEvaluator<
  TC extends TestCaseRef,
  TS,
  GT,
  INF,
  C extends EvaluatorConfiguration,
>(evaluator: Evaluator<TS, GT, INF, C>, io: EvaluationIO<TC, TS, GT, INF>): Promise<string[]> {
  const configurations: (C | undefined)[] =
    evaluator.configurations.length > 0 ? [...evaluator.configurations] : [undefined];
  const perConfiguration = new Map<string, (readonly [TC, MetricsRecord])[]>();
  const total = io.testCases.length * configurations.length;
  let done = 0;
  for (const testCase of io.testCases) {
    const inferences = await io.loadInferences(testCase);
    for (const configuration of configurations) {
      const name = configurationName(configuration);
      const sampleMetrics = await evaluator.computeTestSampleMetrics(
        testCase,
        inferences,
        configuration,
      );
      await io.saveSampleMetrics(testCase, name, sampleMetrics);
      const metrics = sampleMetrics.map(([, value]) => value);
      const caseMetrics = await evaluator.computeTestCaseMetrics(
        testCase,
        inferences,
        metrics,
        configuration,
      );
      const plots = await evaluator.computeTestCasePlots(
        testCase,
        inferences,
        metrics,
        configuration,
      );
      await io.saveTestCaseResults(testCase, name, caseMetrics, plots);
      perConfiguration.set(name, [...(perConfiguration.get(name) ?? []), [testCase, caseMetrics]]);
      done += 1;
      await io.progress?.(
        done,
        total,
        `computed metrics for test case '${testCase.name}' (v${testCase.version})${name ? ` (configuration: ${name})` : ""}`,
      );
    }
  }
  for (const configuration of configurations) {
    const name = configurationName(configuration);
    const suiteMetrics = await evaluator.computeTestSuiteMetrics(
      io.testSuite,
      perConfiguration.get(name) ?? [],
      configuration,
    );
    if (suiteMetrics !== undefined) await io.saveTestSuiteMetrics(name, suiteMetrics);
  }
  return configurations.map(configurationName);
}
