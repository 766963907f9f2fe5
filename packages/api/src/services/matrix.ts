import type { DB } from "@assay/db";
import { sql } from "@assay/db";
import { canonicalStringify, parseJson } from "@assay/workflow";
import { z } from "zod";

import { objectFromJson } from "./samples";
import { getTestRun, latestRunsOf } from "./test-runs";
import { getTestSuiteVersion } from "./test-suites";

export const MetricNamesInput = z.object({
  /** The test suite version. */
  testSuiteId: z.int(),
  modelIds: z.array(z.int()).min(1).max(1000),
  /** Which evaluator's runs; the newest run per model when omitted. */
  evaluator: z.string().optional(),
  configuration: z.string().optional(),
});

export const MatrixInput = MetricNamesInput.extend({
  /**
   * Only these top-level metrics of each cell (a hundred models × thousands of test cases stay a few MB);
   * every metric when omitted.
   */
  metrics: z.array(z.string()).max(200).optional(),
  /** Only these test case versions (a row being opened); every test case of the suite when omitted. */
  testCaseIds: z.array(z.int()).max(10_000).optional(),
});

/**
 * The results matrix behind the comparison view: per model its run, and per (model, test case, configuration) the stored metrics as NDJSON lines `{"configuration","metrics","modelId",
 * "testCaseId"}`. Projected metrics are cut out of the stored canonical JSON by SQLite; a value SQLite cannot
 * give exactly (null, which may be NaN, or a nested value) is read from the parsed row instead.
 */
export function resultsMatrix(db: DB, raw: z.input<typeof MatrixInput>) {
  const input = MatrixInput.parse(raw);
  const testSuite = getTestSuiteVersion(db, input.testSuiteId);
  const runIds = [...latestRunsOf(db, input).values()];
  const filters = sql`t.test_run_id IN ${runIds.length ? runIds : [-1]}
    ${input.configuration === undefined ? sql`` : sql`AND t.configuration = ${input.configuration}`}
    ${input.testCaseIds === undefined ? sql`` : sql`AND t.test_case_version_id IN ${input.testCaseIds.length ? input.testCaseIds : [-1]}`}`;
  const names = input.metrics;
  const lines =
    names === undefined
      ? db
          .all<CellRow & { metrics_json: string }>(
            sql`
            SELECT r.model_id, t.test_case_version_id, t.configuration, t.metrics_json
            FROM test_case_metrics t JOIN test_runs r ON r.id = t.test_run_id WHERE ${filters}`,
          )
          .map((row) => cellLine(row, row.metrics_json))
      : projectedCells(db, filters, names);
  return {
    testSuite,
    runs: runIds.map((id) => getTestRun(db, id)),
    lines: lines.join("\n"),
  };
}

interface CellRow {
  model_id: number;
  test_case_version_id: number;
  configuration: string;
}

function cellLine(row: CellRow, metricsJson: string): string {
  return objectFromJson([
    ["configuration", JSON.stringify(row.configuration)],
    ["metrics", metricsJson],
    ["modelId", row.model_id],
    ["testCaseId", row.test_case_version_id],
  ]);
}

function projectedCells(db: DB, filters: ReturnType<typeof sql>, names: string[]): string[] {
  const columns = names.map((name) => sql`t.metrics_json -> ${jsonPath(name)}`);
  const rows = db.values<[number, number, string, number, ...(string | null)[]]>(sql`
    SELECT r.model_id, t.test_case_version_id, t.configuration, t.rowid, ${sql.join(columns, sql`, `)}
    FROM test_case_metrics t JOIN test_runs r ON r.id = t.test_run_id WHERE ${filters}`);
  const fullRow = db.$client
    .prepare<[number], string>("SELECT metrics_json FROM test_case_metrics WHERE rowid = ?")
    .pluck();
  return rows.map(([modelId, testCaseId, configuration, rowid, ...values]) => {
    let parsed: Record<string, unknown> | undefined;
    const entries: [string, string][] = [];
    names.forEach((name, i) => {
      const text = values[i];
      if (text === null || text === undefined) return; // not in this cell
      if (text === "null" || text.startsWith("{") || text.startsWith("[")) {
        parsed ??= parseJson(fullRow.get(rowid) ?? "{}") as Record<string, unknown>;
        entries.push([name, canonicalStringify(parsed[name])]);
      } else
        entries.push([
          name,
          text === "9e999" ? "Infinity" : text === "-9e999" ? "-Infinity" : text,
        ]);
    });
    return cellLine(
      { model_id: modelId, test_case_version_id: testCaseId, configuration },
      objectFromJson(entries),
    );
  });
}

/** A JSON path naming one top-level key, quoted so any key works. */
function jsonPath(name: string): string {
  return `$."${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The metrics that hold numbers, read from a few cells of each model's run: what a comparison can be made on. */
export function metricNames(db: DB, raw: z.input<typeof MetricNamesInput>): string[] {
  const { configuration, ...input } = MetricNamesInput.parse(raw);
  const sample = db.$client
    .prepare<[number, string | null, string | null], string>(
      `SELECT metrics_json FROM test_case_metrics WHERE test_run_id = ? AND (? IS NULL OR configuration = ?) LIMIT 3`,
    )
    .pluck();
  const names = new Set<string>();
  for (const runId of latestRunsOf(db, input).values()) {
    for (const json of sample.all(runId, configuration ?? null, configuration ?? null)) {
      for (const [key, value] of Object.entries(parseJson(json) as Record<string, unknown>)) {
        if (typeof value === "number") names.add(key);
      }
    }
  }
  return [...names];
}
