import type { BuiltInEvaluatorSpec } from "@assay/metrics";
import { builtInEvaluators, createBuiltInEvaluator } from "@assay/metrics";
import type {
  EvaluatorConfiguration,
  GroundTruthOf,
  InferenceOf,
  MetricMeaning,
  MetricsRecord,
  Plot,
  TestSampleOf,
} from "@assay/workflow";
import type { ConfigurationRecord } from "@assay/workflow/wire";
import { Evaluator } from "@assay/workflow";

import type { AnyWorkflow } from "../registry/binding";
import { sampleIdOf } from "../registry/samples";
import type { TestCaseHandle } from "../registry/test-case";

/** What an evaluator function returns (or undefined to store nothing for a configuration). */
export interface EvaluationResults<W extends AnyWorkflow> {
  metricsTestSample: (readonly [TestSampleOf<W>, MetricsRecord])[];
  metricsTestCase: (readonly [TestCaseHandle<W>, MetricsRecord])[];
  plotsTestCase?: (readonly [TestCaseHandle<W>, Plot[]])[];
  metricsTestSuite?: MetricsRecord | undefined;
}

/**
 * An evaluator as a function of all the suite's samples at once. Declared with a fifth `configuration`
 * parameter, it is called once per configuration, and `test()` needs configurations for it.
 */
export type EvaluatorFunction<
  W extends AnyWorkflow,
  C extends EvaluatorConfiguration = EvaluatorConfiguration,
> = (
  testSamples: TestSampleOf<W>[],
  groundTruths: GroundTruthOf<W>[],
  inferences: InferenceOf<W>[],
  testCases: TestCases<W>,
  configuration?: C,
) => EvaluationResults<W> | undefined | Promise<EvaluationResults<W> | undefined>;

/** Anything `test()` can evaluate with: an `Evaluator`, an evaluator function, or a built-in evaluator spec. */
export type AnyEvaluator<W extends AnyWorkflow> =
  | Evaluator<TestSampleOf<W>, GroundTruthOf<W>, InferenceOf<W>, EvaluatorConfiguration>
  | Evaluator
  | EvaluatorFunction<W, never>
  | BuiltInEvaluatorSpec;

export function isBuiltInSpec(evaluator: unknown): evaluator is BuiltInEvaluatorSpec {
  return (
    typeof evaluator === "object" &&
    evaluator !== null &&
    !(evaluator instanceof Evaluator) &&
    typeof (evaluator as { name?: unknown }).name === "string" &&
    (evaluator as { name: string }).name in builtInEvaluators
  );
}

/** The name a test run is known by, from the evaluator `test()` was given. */
export function evaluatorName(
  evaluator: AnyEvaluator<AnyWorkflow> | string | undefined,
): string | null {
  if (evaluator === undefined) return null;
  // A built-in evaluator's name on the command line ("classification") stands for its display name.
  if (typeof evaluator === "string") {
    return Object.hasOwn(builtInEvaluators, evaluator)
      ? createBuiltInEvaluator({ name: evaluator as BuiltInEvaluatorSpec["name"] }).displayName()
      : evaluator;
  }
  if (evaluator instanceof Evaluator) return evaluator.displayName();
  if (isBuiltInSpec(evaluator)) return createBuiltInEvaluator(evaluator).displayName();
  return evaluator.name || "evaluator";
}

/**
 * What the evaluator's test-case metrics mean (`Evaluator.metricMeanings`), stored with the run; undefined for a
 * plain function, which declares nothing (and so does not replace what an earlier run declared).
 */
export function evaluatorMeanings(
  evaluator: AnyEvaluator<AnyWorkflow> | undefined,
): Record<string, MetricMeaning> | undefined {
  if (evaluator instanceof Evaluator) return evaluator.metricMeanings();
  if (evaluator !== undefined && isBuiltInSpec(evaluator))
    return createBuiltInEvaluator(evaluator).metricMeanings();
  return undefined;
}

/** The configurations a run is created with. */
export function configurationRecords(
  configurations: readonly EvaluatorConfiguration[],
): ConfigurationRecord[] {
  return configurations.map((configuration) => ({
    displayName: configuration.displayName,
    configuration: { ...configuration },
  }));
}

/** Whether an evaluator function takes a configuration (a fifth parameter). */
export function takesConfiguration(fn: (...args: never[]) => unknown): boolean {
  return fn.length >= 5;
}

/**
 * The test cases of the suite, for an evaluator function: `iter` splits the suite-wide arrays into each test
 * case's share (test cases without samples are skipped).
 */
export class TestCases<W extends AnyWorkflow> {
  constructor(
    /** Each test case with the ids of its samples, in suite order. */
    private readonly membership: readonly (readonly [TestCaseHandle<W>, readonly number[]])[],
    private readonly onTestCase?: (testCase: TestCaseHandle<W>) => void,
  ) {}

  *iter<M = never>(
    testSamples: readonly TestSampleOf<W>[],
    groundTruths: readonly GroundTruthOf<W>[],
    inferences: readonly InferenceOf<W>[],
    metrics: readonly M[] = [],
  ): Generator<[TestCaseHandle<W>, TestSampleOf<W>[], GroundTruthOf<W>[], InferenceOf<W>[], M[]]> {
    const position = new Map<number, number>();
    testSamples.forEach((sample, i) => {
      const id = sampleIdOf(sample);
      if (id !== undefined) position.set(id, i);
    });
    for (const [testCase, ids] of this.membership) {
      const indices = ids.map((id) => {
        const index = position.get(id);
        if (index === undefined)
          throw new Error(`sample ${id} of test case '${testCase.name}' was not passed to iter`);
        return index;
      });
      yield [
        testCase,
        indices.map((i) => testSamples[i] as TestSampleOf<W>),
        indices.map((i) => groundTruths[i] as GroundTruthOf<W>),
        indices.map((i) => inferences[i] as InferenceOf<W>),
        indices.map((i) => metrics[i] as M),
      ];
      this.onTestCase?.(testCase);
    }
  }
}

/** Stores empty metrics for every sample and test case: makes inferences browsable without computing anything. */
export function noOpEvaluator<W extends AnyWorkflow>(
  testSamples: TestSampleOf<W>[],
  groundTruths: GroundTruthOf<W>[],
  inferences: InferenceOf<W>[],
  testCases: TestCases<W>,
): EvaluationResults<W> {
  const metricsTestCase: [TestCaseHandle<W>, MetricsRecord][] = [];
  for (const [testCase] of testCases.iter(testSamples, groundTruths, inferences))
    metricsTestCase.push([testCase, {}]);
  return { metricsTestSample: testSamples.map((sample) => [sample, {}] as const), metricsTestCase };
}
