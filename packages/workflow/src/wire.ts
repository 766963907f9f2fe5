/**
 * `@assay/workflow/wire`: what Assay's packages exchange and check, shared by the SDK, the server and the web UI.
 * Internal: the API's records, the NDJSON and canonical JSON codecs, sample identity, the tRPC transformer, the
 * server's validation of registered schemas, and the evaluation loop the SDK and the server both run. None of it
 * is part of the public surface (`@assay/workflow`, `@assay/sdk`), and it may change in any release.
 */
export { configurationName, runEvaluator } from "./evaluation";
export type { EvaluationIO } from "./evaluation";
export { checkMetricsValue } from "./metrics-values";
export { nestedRowKey, SAMPLE_SIZE_FIELDS, sampleSizeOf } from "./metrics";

export { checkMetricsSchema } from "./workflow/metrics-rules";
export type { MetricsKind } from "./workflow/metrics-rules";
export { entityName, workflowName } from "./workflow/names";
export { schemaFromJsonSchema, WorkflowValidator } from "./workflow/json-schema";

export { canonicalStringify, objectFromJson, stringifyForTransport } from "./codec/canonical";
export { parseJson } from "./codec/parse";
export { checkDepth, MAX_JSON_DEPTH, TooDeepError } from "./codec/depth";
export { identityHash, sampleIdentity, sampleIdentityHash, splitMetadata } from "./codec/identity";
export type { SplitSample } from "./codec/identity";

export * from "./api/records";
export { countLines, decodeLines, decodeLinesBulk, encodeLines } from "./api/ndjson";
export { transformer } from "./api/transformer";
export { EXIT, EXIT_CODES_HELP, isParseArgsError } from "./api/exit-codes";
export { DescriptionInput, LIMITS, MetadataInput, NameInput, TagsInput } from "./api/limits";

export { baseSchemaOf, dataTypeOf, registeredDataTypes } from "./schema/data-type";
export type { DataCategory, DataTypeInfo } from "./schema/data-type";
export { describeIssue, parseWith } from "./schema/parse";
export { allowNonFinite } from "./schema/non-finite";
