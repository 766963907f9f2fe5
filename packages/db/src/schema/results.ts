import { sql } from "drizzle-orm";
import {
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
