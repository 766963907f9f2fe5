import type { JsonValue } from "./codec/canonical";
import { InputValidationError } from "./errors";
import type { Plot } from "./plots";
import type { MetricMeaning } from "./metric-meaning";

type MaybePromise<T> = T | Promise<T>;

/** A test case as an evaluator sees it: which version of which test case. */
export interface TestCaseRef {
  readonly name: string;
  readonly version: number;
}

/** A test suite as an evaluator sees it. */
export interface TestSuiteRef {
  readonly name: string;
  readonly version: number;
}

/**
 * One setting an evaluator runs with (a threshold, an IoU). Plain data: it is stored with the test run, and
 * `displayName` identifies it everywhere (results are kept per configuration).
 */
export interface EvaluatorConfiguration {
  readonly displayName: string;
  readonly [setting: string]: JsonValue;
}

/** Metrics objects are plain JSON records; their rules are in `MetricsTestSample` and friends. */
export type MetricsRecord = Record<string, JsonValue>;

/** `[testSample, groundTruth, inference]` for each sample of a test case that has an inference. */
export type InferenceTriple<TS, GT, INF> = readonly [
  testSample: TS,
  groundTruth: GT,
  inference: INF,
];

/**
 * Computes metrics from a model's inferences, test case by test case and configuration by configuration.
 * Subclass it, or use a built-in evaluator from `@assay/metrics`.
 *
 * Each method is called once per test case (empty ones included) and configuration, or once with
 * `undefined` when the evaluator has no configurations.
 */
export abstract class Evaluator<
  TS = Record<string, unknown>,
  GT = Record<string, unknown>,
  INF = Record<string, unknown>,
  C extends EvaluatorConfiguration = EvaluatorConfiguration,
> {
  readonly configurations: readonly C[];

  /** @param configurations `undefined` for an unconfigured evaluator; otherwise at least one, names distinct. */
  constructor(configurations?: readonly C[]) {
    if (configurations !== undefined) {
      if (configurations.length === 0) {
        throw new InputValidationError({
          path: "configurations",
          reason:
            "empty configuration list provided: give at least one configuration, or none at all",
        });
      }
      const names = configurations.map((configuration) => configuration.displayName);
      if (new Set(names).size !== names.length) {
        throw new InputValidationError({
          path: "configurations",
          reason: `all configurations must have distinct display names (got ${names.join(", ")})`,
        });
      }
    }
    this.configurations = configurations ?? [];
  }

  /** Identifies the evaluator: a test run is one model, one test suite version and one evaluator name. */
  displayName(): string {
    return this.constructor.name;
  }

  /**
   * What the test-case metrics mean, by field: shown by the web UI, the CLI and the gate, and used to choose the
   * test that compares two models. Override it, usually as `metricMeanings(MyTestCaseMetrics)` of a schema whose
   * fields are declared with `metric()`. Fields left out are shown without a direction and never judged.
   */
  metricMeanings(): Record<string, MetricMeaning> {
    return {};
  }

  /**
   * What the evaluator noticed in the data that makes its numbers doubtful (scores that contradict how they are
   * read, say), once evaluation is done: shown with the run by the SDK, the CLI and the web UI.
   */
  warnings(): readonly string[] {
    return [];
  }

  abstract computeTestSampleMetrics(
    testCase: TestCaseRef,
    inferences: readonly InferenceTriple<TS, GT, INF>[],
    configuration?: C,
  ): MaybePromise<(readonly [TS, MetricsRecord])[]>;

  abstract computeTestCaseMetrics(
    testCase: TestCaseRef,
    inferences: readonly InferenceTriple<TS, GT, INF>[],
    metrics: readonly MetricsRecord[],
    configuration?: C,
  ): MaybePromise<MetricsRecord>;

  computeTestCasePlots(
    _testCase: TestCaseRef,
    _inferences: readonly InferenceTriple<TS, GT, INF>[],
    _metrics: readonly MetricsRecord[],
    _configuration?: C,
  ): MaybePromise<Plot[] | undefined> {
    return undefined;
  }

  computeTestSuiteMetrics(
    _testSuite: TestSuiteRef,
    _metrics: readonly (readonly [TestCaseRef, MetricsRecord])[],
    _configuration?: C,
  ): MaybePromise<MetricsRecord | undefined> {
    return undefined;
  }
}
