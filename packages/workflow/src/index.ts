/**
 * `@assay/workflow`: the types every part of Assay shares. Test sample kinds, annotations, assets, plots and
 * metrics objects as zod schemas; `defineWorkflow` and its validation; the canonical JSON codec.
 */
export * from "./errors";

export * from "./annotations";
export * from "./assets";
export * from "./evaluator";
export { configurationName, runEvaluator } from "./evaluation";
export type { EvaluationIO } from "./evaluation";
export * from "./metrics";
export { checkMetricsValue } from "./metrics-values";
export * from "./plots";
export * from "./test-samples";
export * from "./thresholded";

export { defineWorkflow, Workflow } from "./workflow/define";
export type { WorkflowDefinition, WorkflowJsonSchema } from "./workflow/define";
export { checkMetricsSchema } from "./workflow/metrics-rules";
export type { MetricsKind } from "./workflow/metrics-rules";
export { entityName, workflowName } from "./workflow/names";
export { schemaFromJsonSchema, WorkflowValidator } from "./workflow/json-schema";
export type * from "./workflow/types";

export { canonicalStringify, objectFromJson, stringifyForTransport } from "./codec/canonical";
export type { JsonValue } from "./codec/canonical";
export { parseJson } from "./codec/parse";

export * from "./api/records";
export type { JsonObject } from "./api/json-value";
export { countLines, decodeLines, decodeLinesBulk, encodeLines } from "./api/ndjson";
export { transformer } from "./api/transformer";
export { identityHash, sampleIdentity, sampleIdentityHash, splitMetadata } from "./codec/identity";
export type { SplitSample } from "./codec/identity";

export { baseSchemaOf, dataTypeOf, registeredDataTypes } from "./schema/data-type";
export type { DataCategory, DataTypeInfo } from "./schema/data-type";
export { describeIssue, parseWith } from "./schema/parse";
export { allowNonFinite } from "./schema/non-finite";
