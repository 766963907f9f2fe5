/**
 * `@assay/metrics`: the evaluation math Assay's SDK and server share (pure functions, no I/O) and the built-in
 * evaluators. Conventions: Kolena's formula names in camelCase, and its rule that a ratio whose denominator is not
 * > 0 is 0; classification curves as scikit-learn 1.2; object detection as Kolena (PASCAL VOC). Bad input throws an
 * `InputValidationError` naming the argument instead of producing NaN.
 */

// Formulas over counts.
export { accuracy, f1Score, fpr, precision, recall, safeDivide, specificity } from "./formula";

// Classification.
export type { BinaryCounts, ConfusionMatrixResult } from "./classification/confusion";
export { binaryCounts, confusionMatrix, oneVsRestCounts } from "./classification/confusion";
export type { ClassScores, ClassificationReport, PrecisionRecallF1 } from "./classification/report";
export { classificationReport } from "./classification/report";
export type { BinaryCurve } from "./classification/binary-curve";
export { binaryCurve } from "./classification/binary-curve";
export type { RocCurve } from "./classification/roc";
export { rocAuc, rocCurve } from "./classification/roc";
export type { PrecisionRecallCurve } from "./classification/precision-recall";
export { averagePrecisionScore, precisionRecallCurve } from "./classification/precision-recall";
export type { ThresholdRow } from "./classification/threshold-sweep";
export { thresholdGrid, thresholdSweep } from "./classification/threshold-sweep";
export { rocAucOneVsRest, topKAccuracy } from "./classification/scores";

// Regression.
export {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  r2Score,
  residualsOf,
  rootMeanSquaredError,
} from "./regression/errors";
export { averageRanks, pearsonCorrelation, spearmanCorrelation } from "./regression/correlation";
export type { HistogramCounts } from "./regression/histogram";
export { histogramCounts, residualHistogram } from "./regression/histogram";

// Geometry and detection.
export type { BoxLike, Geometry, Point, PolygonLike } from "./geometry/shapes";
export { boxIou, iou } from "./geometry/iou";
export { intersectionArea, polygonArea } from "./geometry/polygon-area";
export type { InferenceMatches, MatchOptions, ScoredGeometry, WithIou } from "./geometry/match";
export { matchInferences } from "./geometry/match";
export type { MulticlassInferenceMatches } from "./geometry/match-multiclass";
export { matchInferencesMulticlass } from "./geometry/match-multiclass";
export { averagePrecision } from "./detection/average-precision";
export type { AnyMatches } from "./detection/matches";
export { detectionScores } from "./detection/matches";
export type { ThresholdCurvePoints } from "./detection/threshold-curve";
export {
  detectionAveragePrecision,
  optimalF1Threshold,
  thresholdCurve,
} from "./detection/threshold-curve";
export { detectionConfusionMatrix } from "./detection/confusion";

// Keypoints.
export {
  failureRateCurve,
  failureToAlignRate,
  interocularDistance,
  keypointDistances,
  normalizedMeanError,
  normalizedRootMeanSquaredError,
} from "./keypoints/nme";

// Comparing two models.
export type {
  ConfidenceLevel,
  MarginOfErrorOptions,
  MetricComparison,
} from "./compare/margin-of-error";
export { compareWithMarginOfError, marginOfError, Z_SCORES } from "./compare/margin-of-error";
export type { McNemarResult } from "./compare/mcnemar";
export { mcnemarFromCounts, mcnemarTest } from "./compare/mcnemar";
export type { BootstrapInterval, BootstrapOptions } from "./compare/bootstrap";
export { meanOver, pairedBootstrap } from "./compare/bootstrap";
export { benjaminiHochberg } from "./compare/benjamini-hochberg";
export { mulberry32 } from "./compare/prng";
export type { PairedTTestResult, WilcoxonResult } from "./compare/paired-tests";
export { pairedTTest, WILCOXON_EXACT_UP_TO, wilcoxonSignedRank } from "./compare/paired-tests";
export type {
  CellComparison,
  CellTest,
  CompareOptions,
  PairedSamples,
  TestName,
  Untested,
} from "./compare/engine";
export type { Adjustment } from "./compare/engine";
export { adjustCells, adjustments, compareCell, compareCells } from "./compare/engine";
export { describeCell, formatPValue, formatStatistic, TEST_TITLES } from "./compare/describe";
export type { Columns as SampleColumns } from "./compare/per-sample";
export { pairedProportion, pairedSamplesOf } from "./compare/per-sample";
export type { Recompute, SampleColumn } from "./compare/recompute";
export { AGGREGATES } from "./compare/recompute";

// Built-in evaluators, and test cases read in chunks (the server's evaluation jobs).
export type { ColumnReader, StreamedResults, TestCaseStream } from "./evaluators/columnar";
export { ColumnarEvaluator, streamTestCase } from "./evaluators/columnar";
export { float64s as float64Column, int32s as int32Column } from "./internal/growable";
export type { BuiltInEvaluator, BuiltInEvaluatorName } from "./evaluators/registry";
export {
  builtInEvaluators,
  BuiltInEvaluatorSpec,
  createBuiltInEvaluator,
} from "./evaluators/registry";
export { ClassificationEvaluator } from "./evaluators/classification/evaluator";
export {
  ClassificationConfiguration,
  ClassificationOptions,
} from "./evaluators/classification/options";
export {
  ClassificationCaseMetrics,
  ClassificationClassRow,
  ClassificationSampleMetrics,
  ClassificationSuiteMetrics,
  ClassificationThresholdedRow,
  ClassificationTopKRow,
} from "./evaluators/classification/schemas";
export { RegressionEvaluator } from "./evaluators/regression/evaluator";
export { RegressionConfiguration, RegressionOptions } from "./evaluators/regression/options";
export {
  RegressionCaseMetrics,
  RegressionSampleMetrics,
  RegressionSuiteMetrics,
} from "./evaluators/regression/schemas";
export { ObjectDetectionEvaluator } from "./evaluators/object-detection/evaluator";
export {
  ObjectDetectionConfiguration,
  ObjectDetectionOptions,
} from "./evaluators/object-detection/options";
export {
  DetectionCaseMetrics,
  DetectionCaseMetricsSingleClass,
  DetectionClassRow,
  DetectionSampleMetrics,
  DetectionSampleMetricsSingleClass,
  DetectionSuiteMetrics,
} from "./evaluators/object-detection/schemas";
export { KeypointsEvaluator } from "./evaluators/keypoints/evaluator";
export { KeypointsConfiguration, KeypointsOptions } from "./evaluators/keypoints/options";
export {
  KeypointsCaseMetrics,
  KeypointsRow,
  KeypointsSampleMetrics,
  KeypointsSuiteMetrics,
} from "./evaluators/keypoints/schemas";
