/**
 * `@assay/sdk`: use Assay from scripts. Define a workflow, register models, build versioned test cases and
 * suites, run `test()`, and read results. Everything from `@assay/workflow` (schemas, annotations, types) is
 * re-exported, with `defineWorkflow` here also returning the workflow's `TestCase`, `TestSuite` and `Model`.
 *
 * @example
 * const { TestCase, TestSuite, Model } = defineWorkflow({ name, testSample, groundTruth, inference });
 * const model = await Model.init("my-model", { infer });
 * await test(model, await TestSuite.load("benchmark"), evaluator);
 */
export * from "@assay/workflow";

export { defineWorkflow } from "./registry/define";
export { AssayClient, getClient, initialize } from "./client/client";
export type { ClientOptions } from "./client/client";
export {
  ConflictError,
  IncorrectUsageError,
  NameConflictError,
  NotFoundError,
  PermissionDeniedError,
  RemoteError,
  UnauthenticatedError,
  WorkflowMismatchError,
} from "./client/errors";

export type { ModelHandle as ModelOf, ModelOptions } from "./registry/model";
export type {
  SamplePair,
  SamplePairs,
  TestCaseEditor,
  TestCaseHandle as TestCaseOf,
} from "./registry/test-case";
export type {
  TestSuiteEditor,
  TestSuiteHandle as TestSuiteOf,
  TestSuiteOptions,
} from "./registry/test-suite";

export { iterTestSampleMetrics, loadResults, test } from "./testing/test";
export type { Results, TestCaseResults, TestOptions } from "./testing/test";
export { DeterminismError, TestRun, verifyDeterminism } from "./testing/test-run";
export type { RunOptions, TestRunOptions } from "./testing/test-run";
export { noOpEvaluator, TestCases } from "./testing/evaluators";
export type { AnyEvaluator, EvaluationResults, EvaluatorFunction } from "./testing/evaluators";

export { inferFromFile, readInferenceTable } from "./io/inference-file";
export type { InferenceTable } from "./io/inference-file";

export {
  builtInEvaluators,
  ClassificationEvaluator,
  createBuiltInEvaluator,
  KeypointsEvaluator,
  ObjectDetectionEvaluator,
  RegressionEvaluator,
} from "@assay/metrics";
export type { BuiltInEvaluatorSpec } from "@assay/metrics";
