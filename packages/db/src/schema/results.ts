import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

import { testSamples } from "./samples";
import { testCaseVersions } from "./test-cases";
import { testRuns } from "./test-runs";

/**
 * Results of a test run. `configuration` is the configuration's display name, "" when the evaluator has none.
 * Per-sample metrics belong to one test case version, or to all of them when `testCaseVersionId` is null (as
 * an evaluator function's are).
 */
export const sampleMetrics = sqliteTable(
  "sample_metrics",
  {
    id: integer().primaryKey(),
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    configuration: text().notNull(),
    testCaseVersionId: integer().references(() => testCaseVersions.id),
    sampleId: integer()
      .notNull()
      .references(() => testSamples.id),
    metricsJson: text().notNull(),
  },
  (t) => [
    uniqueIndex("sample_metrics_per_test_case")
      .on(t.testRunId, t.configuration, t.testCaseVersionId, t.sampleId)
      .where(sql`test_case_version_id IS NOT NULL`),
    uniqueIndex("sample_metrics_shared")
      .on(t.testRunId, t.configuration, t.sampleId)
      .where(sql`test_case_version_id IS NULL`),
    index("sample_metrics_by_sample").on(t.sampleId),
    // Covers the comparison view's read of per-sample correctness (the built-in evaluators' `correct`), so
    // McNemar's tests over a hundred runs read a compact index instead of parsing every row's JSON.
    index("sample_metrics_correct").on(
      t.testRunId,
      t.configuration,
      t.testCaseVersionId,
      t.sampleId,
      sql`(metrics_json -> '$."correct"')`,
    ),
  ],
);

export const testCaseMetrics = sqliteTable(
  "test_case_metrics",
  {
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    configuration: text().notNull(),
    testCaseVersionId: integer()
      .notNull()
      .references(() => testCaseVersions.id),
    metricsJson: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.testRunId, t.configuration, t.testCaseVersionId] })],
);

/**
 * Each top-level field of each test case's metrics, as canonical JSON text: what the results matrix shows is
 * read from here by name, so a hundred models × thousands of test cases never parse whole metrics records.
 * Written with `test_case_metrics`, replaced with it. The migration makes it WITHOUT ROWID (drizzle cannot say
 * so): rows sit in primary key order, and one model's values of one metric are one contiguous range.
 */
export const testCaseMetricValues = sqliteTable(
  "test_case_metric_values",
  {
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    configuration: text().notNull(),
    name: text().notNull(),
    testCaseVersionId: integer()
      .notNull()
      .references(() => testCaseVersions.id),
    valueJson: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.testRunId, t.configuration, t.name, t.testCaseVersionId] })],
);

/**
 * The per-sample values a run's test case metrics are made of (the fields its metric meanings name in `of` and
 * `recompute`), as the comparison engine reads them: one row per field and test case version (`part` is its id),
 * written when the test case's metrics are stored, and once the run is completed one row per field for all of
 * them (`part` 0, `testCaseIds` saying whose each sample is). A hundred runs are then read as a few hundred
 * blobs instead of millions of JSON rows. Rows are removed when the sample metrics they came from change (the
 * engine then reads the JSON). WITHOUT ROWID (in the migration): one field of one run is one contiguous range.
 */
export const sampleMetricColumns = sqliteTable(
  "sample_metric_columns",
  {
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    configuration: text().notNull(),
    field: text().notNull(),
    /** The test case version's id, or 0 for the whole run. */
    part: integer().notNull(),
    /** Whole-run rows: each sample's test case version id (int32); empty otherwise. */
    testCaseIds: blob({ mode: "buffer" }).notNull(),
    /** The samples, as int32 in ascending order within each test case. */
    sampleIds: blob({ mode: "buffer" }).notNull(),
    /** Their values as float64: numbers, booleans as 1 / 0, strings as indexes into `categoriesJson`, NaN when missing. */
    values: blob({ mode: "buffer" }).notNull(),
    categoriesJson: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.testRunId, t.configuration, t.field, t.part] })],
);

export const testCasePlots = sqliteTable(
  "test_case_plots",
  {
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    configuration: text().notNull(),
    testCaseVersionId: integer()
      .notNull()
      .references(() => testCaseVersions.id),
    position: integer().notNull(),
    plotJson: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.testRunId, t.configuration, t.testCaseVersionId, t.position] })],
);

export const testSuiteMetrics = sqliteTable(
  "test_suite_metrics",
  {
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    configuration: text().notNull(),
    metricsJson: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.testRunId, t.configuration] })],
);
