/**
 * `@assay/workflow`: the types a workflow is made of. Test sample kinds, annotations, assets, plots and metrics
 * objects as zod schemas, `defineWorkflow` and its validation, the `Evaluator` base class and Assay's errors.
 *
 * What Assay's own packages exchange on the wire (records, NDJSON and JSON codecs, the tRPC transformer, schema
 * validation on the server) is in `@assay/workflow/wire`: internal, and not part of this surface.
 */
export * from "./errors";

export * from "./annotations";
export {
  AudioAsset,
  BinaryAsset,
  ImageAsset,
  MeshAsset,
  PlainTextAsset,
  PointCloudAsset,
  VideoAsset,
} from "./assets";
export * from "./evaluator";
export { MetricsTestCase, MetricsTestSample, MetricsTestSuite } from "./metrics";

export { CellComparison, CellTest, TestName, Untested } from "./comparison";
export type { AggregateFormula, MetricKind } from "./metric-meaning";
export {
  AGGREGATE_FORMULAS,
  METRIC_KINDS,
  metric,
  MetricMeaning,
  metricMeanings,
} from "./metric-meaning";
export * from "./plots";
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
} from "./test-samples";
export * from "./thresholded";

export { defineWorkflow, Workflow } from "./workflow/define";
export type { WorkflowDefinition, WorkflowJsonSchema } from "./workflow/define";
export type * from "./workflow/types";

export type { JsonValue } from "./codec/canonical";
export type { JsonObject } from "./api/json-value";
