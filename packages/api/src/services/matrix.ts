import type { DB } from "@assay/db";
import { sql } from "@assay/db";
import type { MetricMeaning } from "@assay/workflow";
import type { TestRunRecord } from "@assay/workflow/wire";
import { objectFromJson, parseJson } from "@assay/workflow/wire";
import { z } from "zod";

import { getTestRun, latestRunsOf } from "./test-runs";
import { getTestSuiteVersion } from "./test-suites";

const Scope = z.object({
  /** The test suite version. */
  testSuiteId: z.int(),
  modelIds: z.array(z.int()).min(1).max(1000),
  /** Which evaluator's runs; the newest run per model when omitted. */
  evaluator: z.string().optional(),
  /** The configuration's display name; "" for an evaluator without configurations. */
  configuration: z.string().default(""),
});

export const MetricNamesInput = Scope;

export const MatrixInput = Scope.extend({
  /** The top-level metrics to show (a hundred models × thousands of test cases stay well under a MB). */
  metrics: z.array(z.string()).min(1).max(200),
  /** Only these test case versions (the rows on screen); every test case of the suite when omitted. */
  testCaseIds: z.array(z.int()).max(10_000).optional(),
});

export const CellsInput = Scope.extend({
  /** The test case versions whose metrics are wanted whole (a row being opened). */
  testCaseIds: z.array(z.int()).min(1).max(1000),
});

export interface MatrixAnswer {
  runs: TestRunRecord[];
  /** The test case versions the `values` of every column follow, in the suite's order. */
  testCaseIds: number[];
  /**
   * NDJSON lines, one per (model, metric): `{"metric","modelId","values"}`, `values[i]` being the metric of
   * the `testCaseIds[i]` test case, or null where the model's run has none.
   */
  columns: string;
}

/**
 * The results matrix behind the comparison view, column by column. Each metric of each run is one range of
 * `test_case_metric_values` (each field's canonical text, stored apart when the metrics were), so no metrics
 * record is parsed and the answer grows with the cells shown, not with what the evaluator stored.
 */
export function resultsMatrix(db: DB, raw: z.input<typeof MatrixInput>): MatrixAnswer {
  const input = MatrixInput.parse(raw);
  const suite = getTestSuiteVersion(db, input.testSuiteId);
  const wanted = input.testCaseIds === undefined ? undefined : new Set(input.testCaseIds);
  const testCaseIds = suite.testCases.map((tc) => tc.id).filter((id) => wanted?.has(id) ?? true);
  const indexOf = new Map(testCaseIds.map((id, i) => [id, i]));
  const range = db.$client
    .prepare<[number, string, string], [number, string]>(
      `SELECT test_case_version_id, value_json FROM test_case_metric_values
       WHERE test_run_id = ? AND configuration = ? AND name = ?`,
    )
    .raw();
  const runs = latestRunsOf(db, input);
  const columns: string[] = [];
  for (const [modelId, runId] of runs) {
    for (const metric of input.metrics) {
      const values = new Array<string>(testCaseIds.length).fill("null");
      for (const [testCaseId, valueJson] of range.all(runId, input.configuration, metric)) {
        const index = indexOf.get(testCaseId);
        if (index !== undefined) values[index] = valueJson;
      }
      columns.push(
        objectFromJson([
          ["metric", JSON.stringify(metric)],
          ["modelId", modelId],
          ["values", `[${values.join(",")}]`],
        ]),
      );
    }
  }
  return {
    runs: [...runs.values()].map((id) => getTestRun(db, id)),
    testCaseIds,
    columns: columns.join("\n"),
  };
}

/** Whole metrics of a few test cases (their nested rows), as NDJSON lines `{"metrics","modelId","testCaseId"}`. */
export function resultCells(db: DB, raw: z.input<typeof CellsInput>): { lines: string } {
  const input = CellsInput.parse(raw);
  const runs = latestRunsOf(db, input);
  const rows = db.all<{ model_id: number; test_case_version_id: number; metrics_json: string }>(sql`
    SELECT r.model_id, t.test_case_version_id, t.metrics_json
    FROM test_case_metrics t JOIN test_runs r ON r.id = t.test_run_id
    WHERE t.test_run_id IN ${runs.size ? [...runs.values()] : [-1]}
      AND t.configuration = ${input.configuration} AND t.test_case_version_id IN ${input.testCaseIds}`);
  return {
    lines: rows
      .map((row) =>
        objectFromJson([
          ["metrics", row.metrics_json],
          ["modelId", row.model_id],
          ["testCaseId", row.test_case_version_id],
        ]),
      )
      .join("\n"),
  };
}

/**
 * The metrics that hold numbers, read from a few cells of each model's run: what a comparison can be made on,
 * each with what its run's evaluator declared it to mean (null when nothing was declared: shown without a
 * direction, never judged better or worse).
 */
export function metricNames(
  db: DB,
  raw: z.input<typeof MetricNamesInput>,
): { name: string; meaning: MetricMeaning | null }[] {
  const { configuration, ...input } = MetricNamesInput.parse(raw);
  const sample = db.$client
    .prepare<[number, string], string>(
      "SELECT metrics_json FROM test_case_metrics WHERE test_run_id = ? AND configuration = ? LIMIT 3",
    )
    .pluck();
  const declared = db.$client
    .prepare<[number], string>("SELECT metric_meanings_json FROM test_runs WHERE id = ?")
    .pluck();
  const names = new Map<string, MetricMeaning | null>();
  for (const runId of latestRunsOf(db, input).values()) {
    const meanings = parseJson(declared.get(runId) ?? "{}") as Record<string, MetricMeaning>;
    for (const json of sample.all(runId, configuration)) {
      for (const [key, value] of Object.entries(parseJson(json) as Record<string, unknown>)) {
        if (typeof value !== "number") continue;
        // The first run that declares a meaning gives it: the runs of one evaluator declare the same.
        if (!names.get(key)) names.set(key, meanings[key] ?? null);
      }
    }
  }
  return [...names].map(([name, meaning]) => ({ name, meaning }));
}
