/**
 * `@assay/sdk`: use Assay from scripts. Define a workflow, register models, build versioned test cases and
 * suites, run `test()`, and read results. The workflow types (schemas, annotations, plots, metrics, `Evaluator`)
 * are `@assay/workflow`'s, listed here so one import has everything; `defineWorkflow` here also returns the
 * workflow's `TestCase`, `TestSuite` and `Model`.
 *
 * @example
 * const { TestCase, TestSuite, Model } = defineWorkflow({ name, testSample, groundTruth, inference });
 * const model = await Model.init("my-model", { infer });
 * await test(model, await TestSuite.load("benchmark"), evaluator);
 */

// Connecting, and what can go wrong.
export { AssayClient, getClient, initialize } from "./client/client";
export type { ClientOptions } from "./client/client";
export {
  AssayError,
  ConflictError,
  ConnectionError,
  IncorrectUsageError,
  InputValidationError,
  NameConflictError,
  NotFoundError,
  PermissionDeniedError,
  RemoteError,
  UnauthenticatedError,
  WorkflowMismatchError,
} from "./client/errors";
export type { ValidationIssue } from "@assay/workflow";

// Workflows: the three types, and the registry's entities bound to them.
export { defineWorkflow } from "./registry/define";
export { Workflow } from "@assay/workflow";
export type {
  GroundTruthInputOf,
  GroundTruthOf,
  InferenceInputOf,
  InferenceOf,
  InferFn,
  JsonObject,
  JsonValue,
  TestSampleInputOf,
  TestSampleOf,
  WorkflowDefinition,
  WorkflowJsonSchema,
} from "@assay/workflow";
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

// Test samples, ground truths and inferences.
export {
  Audio,
  Composite,
  Document,
  GroundTruth,
  Image,
  ImagePair,
  ImageText,
  Inference,
  Metadata,
  PointCloud,
  TestSample,
  Text,
  Video,
} from "@assay/workflow";

// Annotations (a schema each, and a builder that fills derived fields) and assets.
export {
  BitmapMask,
  bitmapMask,
  BoundingBox,
  boundingBox,
  BoundingBox3D,
  boundingBox3D,
  ClassificationLabel,
  classificationLabel,
  CustomAnnotation,
  customAnnotation,
  Keypoints,
  keypoints,
  Keypoints3D,
  keypoints3D,
  LabeledBoundingBox,
  labeledBoundingBox,
  LabeledBoundingBox3D,
  labeledBoundingBox3D,
  LabeledPolygon,
  labeledPolygon,
  LabeledTextSegment,
  labeledTextSegment,
  LabeledTimeSegment,
  labeledTimeSegment,
  Point2D,
  Point3D,
  Polygon,
  polygon,
  Polyline,
  polyline,
  Polyline3D,
  polyline3D,
  ScoredBoundingBox,
  scoredBoundingBox,
  ScoredBoundingBox3D,
  scoredBoundingBox3D,
  ScoredClassificationLabel,
  scoredClassificationLabel,
  ScoredLabeledBoundingBox,
  scoredLabeledBoundingBox,
  ScoredLabeledBoundingBox3D,
  scoredLabeledBoundingBox3D,
  ScoredLabeledPolygon,
  scoredLabeledPolygon,
  ScoredLabeledTextSegment,
  scoredLabeledTextSegment,
  ScoredLabeledTimeSegment,
  scoredLabeledTimeSegment,
  ScoredPolygon,
  scoredPolygon,
  ScoredTextSegment,
  scoredTextSegment,
  ScoredTimeSegment,
  scoredTimeSegment,
  SegmentationMask,
  segmentationMask,
  TextSegment,
  textSegment,
  TimeSegment,
  timeSegment,
} from "@assay/workflow";
export {
  AudioAsset,
  BinaryAsset,
  ImageAsset,
  MeshAsset,
  PlainTextAsset,
  PointCloudAsset,
  VideoAsset,
} from "@assay/workflow";

// Evaluation: evaluators, the metrics and plots they produce, and test().
export {
  AxisConfig,
  BarPlot,
  barPlot,
  ConfusionMatrix,
  confusionMatrix,
  Curve,
  CurvePlot,
  curvePlot,
  Evaluator,
  Histogram,
  histogram,
  metric,
  MetricMeaning,
  metricMeanings,
  MetricsTestCase,
  MetricsTestSample,
  MetricsTestSuite,
  Plot,
  ThresholdedMetrics,
} from "@assay/workflow";
export type {
  EvaluatorConfiguration,
  InferenceTriple,
  MetricKind,
  MetricsRecord,
  TestCaseRef,
  TestSuiteRef,
} from "@assay/workflow";
export { iterTestSampleMetrics, loadResults, test } from "./testing/test";
export { compare } from "./testing/compare";
export type { Comparison, ComparisonCell, CompareOptions } from "./testing/compare";
export type { CellComparison, CellTest, TestName, Untested } from "@assay/workflow";
export type { Results, ResultsOptions, TestCaseResults, TestOptions } from "./testing/test";
export { DeterminismError, TestRun, verifyDeterminism } from "./testing/test-run";
export { EvaluationCancelledError } from "./testing/server-evaluation";
export type { RunOptions, TestRunOptions } from "./testing/test-run";
export { noOpEvaluator, TestCases } from "./testing/evaluators";
export type { AnyEvaluator, EvaluationResults, EvaluatorFunction } from "./testing/evaluators";
export {
  builtInEvaluators,
  ClassificationEvaluator,
  createBuiltInEvaluator,
  KeypointsEvaluator,
  ObjectDetectionEvaluator,
  RegressionEvaluator,
} from "@assay/metrics";
export type { BuiltInEvaluatorSpec } from "@assay/metrics";

// Inferences from a file (a CSV or JSONL export) instead of a model's code.
export { inferFromFile, readInferenceTable } from "./io/inference-file";
export type { InferenceTable } from "./io/inference-file";
