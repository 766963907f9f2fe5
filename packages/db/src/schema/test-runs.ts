import { integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { createdAt, updatedAt } from "./columns";
import { models } from "./models";
import { testSamples } from "./samples";
import { testSuiteVersions } from "./test-suites";

/** One inference per (model, test sample): a deterministic model infers each sample once. */
export const inferences = sqliteTable(
  "inferences",
  {
    modelId: integer()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    sampleId: integer()
      .notNull()
      .references(() => testSamples.id),
    inferenceJson: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.sampleId] })],
);

export const TEST_RUN_STATUSES = ["running", "completed", "crashed"] as const;

/** A model tested on one test suite version by one evaluator ("" for none named). */
export const testRuns = sqliteTable(
  "test_runs",
  {
    id: integer().primaryKey(),
    modelId: integer()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    testSuiteVersionId: integer()
      .notNull()
      .references(() => testSuiteVersions.id, { onDelete: "cascade" }),
    evaluator: text().notNull(),
    status: text({ enum: TEST_RUN_STATUSES }).notNull().default("running"),
    progress: real().notNull().default(0),
    message: text().notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** What the evaluator's test-case metrics mean, by field (`MetricMeaning`s as a JSON object). */
    metricMeaningsJson: text().notNull().default("{}"),
  },
  (t) => [uniqueIndex("test_runs_identity").on(t.modelId, t.testSuiteVersionId, t.evaluator)],
);

/** Configurations accumulate on a run, keyed by display name. */
export const testRunConfigurations = sqliteTable(
  "test_run_configurations",
  {
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    displayName: text().notNull(),
    configurationJson: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.testRunId, t.displayName] })],
);

/**
 * Which configurations of a run have been evaluated over its current inferences ("" when the evaluator has
 * none). A later `test()` with nothing new to infer can then skip evaluation; replacing inferences clears it.
 */
export const testRunEvaluations = sqliteTable(
  "test_run_evaluations",
  {
    testRunId: integer()
      .notNull()
      .references(() => testRuns.id, { onDelete: "cascade" }),
    configuration: text().notNull(),
    evaluatedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.testRunId, t.configuration] })],
);
