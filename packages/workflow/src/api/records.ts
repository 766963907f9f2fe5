import { z } from "zod";

import { JsonObjectSchema, JsonValueSchema } from "./json-value";
import { MetricMeaning } from "../metric-meaning";

/**
 * The records the API returns and takes. Ids of test cases, test suites and test runs identify one version
 * (test case and suite) or one run; the `…Id` fields name the entity across its versions.
 */

export const TokenScope = z.enum(["read", "write", "admin"]);
export type TokenScope = z.output<typeof TokenScope>;

export const WorkflowRecord = z.object({
  name: z.string(),
  testSampleType: z.string(),
  schemaVersion: z.int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WorkflowRecord = z.output<typeof WorkflowRecord>;

export const ModelRecord = z.object({
  id: z.int(),
  name: z.string(),
  workflow: z.string(),
  metadata: JsonObjectSchema,
  tags: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ModelRecord = z.output<typeof ModelRecord>;

export const TestCaseRecord = z.object({
  /** The id of this version. */
  id: z.int(),
  testCaseId: z.int(),
  name: z.string(),
  workflow: z.string(),
  version: z.int(),
  description: z.string(),
  sampleCount: z.int(),
  createdAt: z.date(),
});
export type TestCaseRecord = z.output<typeof TestCaseRecord>;

export const TestSuiteRecord = z.object({
  /** The id of this version. */
  id: z.int(),
  testSuiteId: z.int(),
  name: z.string(),
  workflow: z.string(),
  version: z.int(),
  description: z.string(),
  tags: z.array(z.string()),
  testCases: z.array(TestCaseRecord),
  createdAt: z.date(),
});
export type TestSuiteRecord = z.output<typeof TestSuiteRecord>;

export const ConfigurationRecord = z.object({
  displayName: z.string().min(1),
  configuration: JsonObjectSchema,
});
export type ConfigurationRecord = z.output<typeof ConfigurationRecord>;

export const TestRunStatus = z.enum(["running", "completed", "crashed"]);

/** Metric meanings by field name, as a run stores them (at most 500 fields, names as metrics keys). */
export const MetricMeanings = z
  .record(z.string().min(1).max(256), MetricMeaning)
  .refine((meanings) => Object.keys(meanings).length <= 500, {
    message: "at most 500 metric meanings",
  });

export const TestRunRecord = z.object({
  id: z.int(),
  modelId: z.int(),
  /** The id of the test suite version. */
  testSuiteId: z.int(),
  /** The evaluator's display name; null when none is named (the server's own evaluation). */
  evaluator: z.string().nullable(),
  configurations: z.array(ConfigurationRecord),
  /** Configurations evaluated over the current inferences ("" for an evaluator without configurations). */
  evaluated: z.array(z.string()),
  /** What the evaluator's test-case metrics mean, by field (declared with `metric()`; empty when undeclared). */
  metricMeanings: MetricMeanings,
  status: TestRunStatus,
  progress: z.number(),
  message: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TestRunRecord = z.output<typeof TestRunRecord>;

export const JobStatus = z.enum(["queued", "running", "done", "failed", "cancelled"]);
export type JobStatus = z.output<typeof JobStatus>;

/**
 * Background work of the server's: today, a built-in evaluator run over a test run's stored inferences. Jobs
 * survive the server: one that was running when it stopped is run again by the next server that can.
 */
export const JobRecord = z.object({
  id: z.int(),
  kind: z.enum(["evaluate"]),
  testRunId: z.int(),
  status: JobStatus,
  /** 0 to 1. */
  progress: z.number(),
  message: z.string(),
  /** Why it failed. */
  error: z.string().nullable(),
  /** How many times a server started it. */
  attempts: z.int(),
  cancelRequested: z.boolean(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type JobRecord = z.output<typeof JobRecord>;

/** A page of bulk data: NDJSON lines and the cursor of the next page (null at the end). */
export const LinesPage = z.object({
  lines: z.string(),
  count: z.int(),
  nextCursor: z.string().nullable(),
});
export type LinesPage = z.output<typeof LinesPage>;

/** Cursor pagination for lists; `limit` is capped by each procedure. */
export const PageInput = z.object({
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(10_000).default(1000),
});

export { JsonObjectSchema, JsonValueSchema };

/** One change in the registry's append-only audit log. */
export const AuditEntry = z.object({
  id: z.int(),
  at: z.date(),
  /** The token's name, or `local CLI` for commands run on the store file. */
  actor: z.string(),
  via: z.enum(["token", "session", "cli"]),
  /** The API procedure (`model.update`) or CLI command (`token create`). */
  action: z.string(),
  target: z.string().nullable(),
  /** What was asked, with secrets removed and bulk data summarised (`"<10,000 lines>"`). */
  input: JsonValueSchema.nullable(),
  before: JsonValueSchema.nullable(),
  after: JsonValueSchema.nullable(),
});
export type AuditEntry = z.output<typeof AuditEntry>;
