import type { DB } from "@assay/db";
import { sql, transaction } from "@assay/db";
import type { JsonObject } from "@assay/workflow";
import type { LinesPage } from "@assay/workflow/wire";
import { Plot } from "@assay/workflow";
import {
  canonicalStringify,
  checkMetricsValue,
  decodeLines,
  JsonObjectSchema,
  objectFromJson,
  parseJson as parseJsonValue,
  parseWith,
} from "@assay/workflow/wire";
import { z } from "zod";

import { incorrectUsage } from "../errors";
import { SampleRefFields, SampleResolver } from "./inferences";
import { modelRow } from "./models";
import { clearSampleColumns, precomputeSampleColumns } from "./sample-columns";
import { linesPage, numericCursor } from "./pagination";
import { getTestRun, runRow } from "./test-runs";
import { getWorkflowById, validatorFor } from "./workflows";

/** "" names the results of an evaluator without configurations. */
const Configuration = z.string().default("");

const SampleMetricsLine = z.object({
  ...SampleRefFields,
  metrics: z.record(z.string(), z.unknown()),
});

export const UploadSampleMetricsInput = z.object({
  testRunId: z.int(),
  configuration: Configuration,
  /** The test case version these metrics are for; null when they hold for every test case of the suite. */
  testCaseId: z.int().nullable().default(null),
  /** NDJSON lines `{"sampleId":…,"metrics":…}` (or `"testSample"` instead of `"sampleId"`). */
  lines: z.string(),
});

/** Stores a batch of per-sample metrics (replacing earlier ones for the same sample and configuration). */
export function uploadSampleMetrics(
  db: DB,
  raw: z.input<typeof UploadSampleMetricsInput>,
): { count: number } {
  const input = UploadSampleMetricsInput.parse(raw);
  const run = runRow(db, input.testRunId);
  checkConfiguration(db, input.testRunId, input.configuration);
  if (input.testCaseId !== null) checkTestCaseOfRun(db, run.testSuiteVersionId, input.testCaseId);
  const workflow = getWorkflowById(db, modelRow(db, run.modelId).workflowId);
  const validator = validatorFor(db, workflow);
  const resolver = new SampleResolver(db, workflow.id);
  const write = sampleMetricsWriter(db, input.testRunId, input.configuration, input.testCaseId);
  return transaction(db, () => {
    // Values precomputed for comparisons from earlier sample metrics are stale now.
    clearSampleColumns(db, input.testRunId, input.configuration, input.testCaseId);
    const values = decodeLines(input.lines);
    values.forEach((value, i) => {
      const root = `lines[${i}]`;
      const line = parseWith(SampleMetricsLine, value, root);
      const sampleId = resolver.resolve(line, root, (sample) =>
        validator.parseTestSample(sample, `${root}.testSample`),
      );
      write(
        sampleId,
        canonicalStringify(checkMetricsValue("testSample", line.metrics, `${root}.metrics`)),
      );
    });
    return { count: values.length };
  });
}

/**
 * Stores one sample's metrics (canonical JSON) for a run, configuration and test case version (null: every test
 * case of the suite), replacing what was stored for it before. Call inside a transaction.
 */
export function sampleMetricsWriter(
  db: DB,
  testRunId: number,
  configuration: string,
  testCaseId: number | null,
): (sampleId: number, metricsJson: string) => void {
  const upsert = db.$client.prepare<[number, string, number | null, number, string]>(
    testCaseId === null
      ? `INSERT INTO sample_metrics (test_run_id, configuration, test_case_version_id, sample_id, metrics_json)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (test_run_id, configuration, sample_id)
         WHERE test_case_version_id IS NULL DO UPDATE SET metrics_json = excluded.metrics_json`
      : `INSERT INTO sample_metrics (test_run_id, configuration, test_case_version_id, sample_id, metrics_json)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (test_run_id, configuration, test_case_version_id, sample_id)
         WHERE test_case_version_id IS NOT NULL DO UPDATE SET metrics_json = excluded.metrics_json`,
  );
  return (sampleId, metricsJson) =>
    void upsert.run(testRunId, configuration, testCaseId, sampleId, metricsJson);
}

export const UploadTestCaseResultsInput = z.object({
  testRunId: z.int(),
  items: z
    .array(
      z.object({
        testCaseId: z.int(),
        configuration: Configuration,
        metrics: JsonObjectSchema,
        /** When given, these replace the test case's plots for the configuration. */
        plots: z.array(z.record(z.string(), z.unknown())).optional(),
      }),
    )
    .max(10_000),
});

/** Stores test case metrics and plots (replacing earlier ones for the same test case and configuration). */
export function uploadTestCaseResults(
  db: DB,
  raw: z.input<typeof UploadTestCaseResultsInput>,
): { count: number } {
  const input = UploadTestCaseResultsInput.parse(raw);
  const run = runRow(db, input.testRunId);
  const sqlite = db.$client;
  const upsertMetrics = sqlite.prepare<[number, string, number, string]>(
    `INSERT INTO test_case_metrics (test_run_id, configuration, test_case_version_id, metrics_json) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET metrics_json = excluded.metrics_json`,
  );
  const clearValues = sqlite.prepare<[number, string, number]>(
    "DELETE FROM test_case_metric_values WHERE test_run_id = ? AND configuration = ? AND test_case_version_id = ?",
  );
  const insertValue = sqlite.prepare<[number, string, string, number, string]>(
    "INSERT INTO test_case_metric_values (test_run_id, configuration, name, test_case_version_id, value_json) VALUES (?, ?, ?, ?, ?)",
  );
  const clearPlots = sqlite.prepare<[number, string, number]>(
    "DELETE FROM test_case_plots WHERE test_run_id = ? AND configuration = ? AND test_case_version_id = ?",
  );
  const insertPlot = sqlite.prepare<[number, string, number, number, string]>(
    "INSERT INTO test_case_plots (test_run_id, configuration, test_case_version_id, position, plot_json) VALUES (?, ?, ?, ?, ?)",
  );
  return transaction(db, () => {
    input.items.forEach((item, i) => {
      const root = `items[${i}]`;
      checkConfiguration(db, input.testRunId, item.configuration);
      checkTestCaseOfRun(db, run.testSuiteVersionId, item.testCaseId);
      const metrics = checkMetricsValue("testCase", item.metrics, `${root}.metrics`);
      upsertMetrics.run(
        input.testRunId,
        item.configuration,
        item.testCaseId,
        canonicalStringify(metrics),
      );
      clearValues.run(input.testRunId, item.configuration, item.testCaseId);
      // The test case is evaluated: its samples' values, as comparisons read them, are precomputed now.
      precomputeSampleColumns(db, input.testRunId, item.configuration, item.testCaseId);
      for (const [name, value] of Object.entries(metrics)) {
        if (value === undefined) continue;
        insertValue.run(
          input.testRunId,
          item.configuration,
          name,
          item.testCaseId,
          canonicalStringify(value),
        );
      }
      if (item.plots !== undefined) {
        clearPlots.run(input.testRunId, item.configuration, item.testCaseId);
        item.plots.forEach((plot, position) => {
          const checked = parseWith(Plot, plot, `${root}.plots[${position}]`);
          insertPlot.run(
            input.testRunId,
            item.configuration,
            item.testCaseId,
            position,
            canonicalStringify(checked),
          );
        });
      }
    });
    return { count: input.items.length };
  });
}

export const UploadTestSuiteMetricsInput = z.object({
  testRunId: z.int(),
  items: z.array(z.object({ configuration: Configuration, metrics: JsonObjectSchema })).max(1000),
});

export function uploadTestSuiteMetrics(
  db: DB,
  raw: z.input<typeof UploadTestSuiteMetricsInput>,
): { count: number } {
  const input = UploadTestSuiteMetricsInput.parse(raw);
  runRow(db, input.testRunId);
  const upsert = db.$client.prepare<[number, string, string]>(
    `INSERT INTO test_suite_metrics (test_run_id, configuration, metrics_json) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET metrics_json = excluded.metrics_json`,
  );
  return transaction(db, () => {
    input.items.forEach((item, i) => {
      checkConfiguration(db, input.testRunId, item.configuration);
      const metrics = checkMetricsValue("testSuite", item.metrics, `items[${i}].metrics`);
      upsert.run(input.testRunId, item.configuration, canonicalStringify(metrics));
    });
    return { count: input.items.length };
  });
}

/** Everything a run stored, except per-sample metrics: suite metrics, and per test case its metrics and plots. */
export function loadTestRunResults(
  db: DB,
  input: { testRunId: number; configuration?: string | undefined; testCaseId?: number | undefined },
) {
  const run = runRow(db, input.testRunId);
  const configuration = input.configuration;
  const filter = configuration === undefined ? sql`` : sql`AND configuration = ${configuration}`;
  const testCaseFilter =
    input.testCaseId === undefined ? sql`` : sql`AND test_case_version_id = ${input.testCaseId}`;
  const suite = db.all<{ configuration: string; metrics_json: string }>(
    sql`SELECT configuration, metrics_json FROM test_suite_metrics WHERE test_run_id = ${run.id} ${filter} ORDER BY configuration`,
  );
  const cases = db.all<{
    test_case_version_id: number;
    configuration: string;
    metrics_json: string;
  }>(sql`
    SELECT t.test_case_version_id, t.configuration, t.metrics_json FROM test_case_metrics t
    JOIN test_suite_members sm ON sm.test_suite_version_id = ${run.testSuiteVersionId}
      AND sm.test_case_version_id = t.test_case_version_id
    WHERE t.test_run_id = ${run.id} ${configuration === undefined ? sql`` : sql`AND t.configuration = ${configuration}`}
      ${input.testCaseId === undefined ? sql`` : sql`AND t.test_case_version_id = ${input.testCaseId}`}
    ORDER BY sm.position, t.configuration`);
  const plots = db.all<{
    test_case_version_id: number;
    configuration: string;
    plot_json: string;
  }>(sql`
    SELECT test_case_version_id, configuration, plot_json FROM test_case_plots
    WHERE test_run_id = ${run.id} ${filter} ${testCaseFilter} ORDER BY position`);
  const plotsOf = (testCaseId: number, config: string) =>
    plots
      .filter((p) => p.test_case_version_id === testCaseId && p.configuration === config)
      .map((p) => parseJsonObject(p.plot_json));
  return {
    testRun: getTestRun(db, run.id),
    testSuite: suite.map((row) => ({
      configuration: row.configuration,
      metrics: parseJsonObject(row.metrics_json),
    })),
    testCases: cases.map((row) => ({
      testCaseId: row.test_case_version_id,
      configuration: row.configuration,
      metrics: parseJsonObject(row.metrics_json),
      plots: plotsOf(row.test_case_version_id, row.configuration),
    })),
  };
}

export const SampleMetricsPageInput = z.object({
  testRunId: z.int(),
  configuration: Configuration,
  /** A test case version, to read its per-sample metrics (and the shared ones); omit to read every row. */
  testCaseId: z.int().optional(),
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(10_000).default(1000),
});

/** Per-sample metrics: lines `{"id","metrics","testCaseId","testSample"}` (testCaseId null when shared). */
export function sampleMetricsPage(db: DB, raw: z.input<typeof SampleMetricsPageInput>): LinesPage {
  const input = SampleMetricsPageInput.parse(raw);
  runRow(db, input.testRunId);
  const after = numericCursor(input.cursor, 0);
  const scope =
    input.testCaseId === undefined
      ? sql``
      : sql`AND (x.test_case_version_id IS NULL OR x.test_case_version_id = ${input.testCaseId})`;
  const rows = db.all<{
    row_id: number;
    id: number;
    sample: string;
    metrics: string;
    test_case: number | null;
  }>(sql`
    SELECT x.id AS row_id, s.id AS id, s.sample_json AS sample, x.metrics_json AS metrics,
           x.test_case_version_id AS test_case
    FROM sample_metrics x JOIN test_samples s ON s.id = x.sample_id
    WHERE x.test_run_id = ${input.testRunId} AND x.configuration = ${input.configuration} AND x.id > ${after} ${scope}
    ORDER BY x.id LIMIT ${input.limit + 1}`);
  return linesPage(
    rows,
    input.limit,
    (row) =>
      objectFromJson([
        ["id", row.id],
        ["metrics", row.metrics],
        ["testCaseId", row.test_case ?? "null"],
        ["testSample", row.sample],
      ]),
    (row) => [row.row_id],
  );
}

function checkConfiguration(db: DB, testRunId: number, configuration: string): void {
  if (configuration === "") return;
  const known = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM test_run_configurations WHERE test_run_id = ${testRunId} AND display_name = ${configuration}`,
  );
  if (!known || known.n === 0) {
    throw incorrectUsage(
      `configuration '${configuration}' is not registered on test run ${testRunId}`,
    );
  }
}

function checkTestCaseOfRun(db: DB, testSuiteVersionId: number, testCaseId: number): void {
  const member = db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM test_suite_members
    WHERE test_suite_version_id = ${testSuiteVersionId} AND test_case_version_id = ${testCaseId}`);
  if (!member || member.n === 0) {
    throw incorrectUsage(
      `test case version ${testCaseId} is not part of this run's test suite version`,
    );
  }
}

function parseJsonObject(text: string): JsonObject {
  return parseJsonValue(text) as JsonObject;
}

export const SampleMetricsForInput = z.object({
  testRunId: z.int(),
  configuration: Configuration,
  /** The test case version shown; shared metrics (function evaluators) are included. */
  testCaseId: z.int().optional(),
  sampleIds: z.array(z.int()).min(1).max(10_000),
});

/** Per-sample metrics of some samples (a gallery page): lines `{"id","metrics"}`. */
export function sampleMetricsFor(db: DB, raw: z.input<typeof SampleMetricsForInput>): LinesPage {
  const input = SampleMetricsForInput.parse(raw);
  const rows = db.all<{ sample_id: number; metrics_json: string }>(sql`
    SELECT sample_id, metrics_json FROM sample_metrics
    WHERE test_run_id = ${input.testRunId} AND configuration = ${input.configuration} AND sample_id IN ${input.sampleIds}
      AND (test_case_version_id IS NULL ${input.testCaseId === undefined ? sql`` : sql`OR test_case_version_id = ${input.testCaseId}`})`);
  return linesPage(
    rows,
    rows.length,
    (row) =>
      objectFromJson([
        ["id", row.sample_id],
        ["metrics", row.metrics_json],
      ]),
    () => [],
  );
}
