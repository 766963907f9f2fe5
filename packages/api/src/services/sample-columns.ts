import type { DB } from "@assay/db";

import { columnsOf, runFields, sampleMetricRows } from "./sample-values";

/**
 * Precomputes, when a test case's metrics are stored (its sample metrics are in by then), the per-sample values
 * its metrics are made of: one row of `sample_metric_columns` per field the run's metric meanings name, read by
 * the comparison engine instead of the samples' JSON. Sample metrics stored for every test case at once count
 * for the test case's members that have none of their own. Call inside the transaction that stores the metrics.
 *
 * A test case of more than `PRECOMPUTE_UP_TO` samples is left to be read from the JSON when compared: reading
 * its sample metrics back here would hold the request (or the evaluation job) and its memory for seconds, and a
 * comparison of two such runs reads little more than that once.
 */
export const PRECOMPUTE_UP_TO = 50_000;

export function precomputeSampleColumns(
  db: DB,
  testRunId: number,
  configuration: string,
  testCaseVersionId: number,
): void {
  const fields = runFields(db, testRunId);
  clearSampleColumns(db, testRunId, configuration, testCaseVersionId);
  if (fields.length === 0 || membersAbove(db, testCaseVersionId, PRECOMPUTE_UP_TO)) return;
  const sqlite = db.$client;
  const own = sampleMetricRows(db, testRunId, configuration, fields, { testCaseVersionId });
  const hasShared = sqlite
    .prepare<[number, string], number>(
      `SELECT 1 FROM sample_metrics
       WHERE test_run_id = ? AND configuration = ? AND test_case_version_id IS NULL LIMIT 1`,
    )
    .pluck()
    .get(testRunId, configuration);
  const rows = hasShared
    ? withShared(db, testRunId, configuration, testCaseVersionId, fields, own)
    : own;
  // In sample id order: pairing two runs' samples is then a merge.
  rows.sort((x, y) => (x[1] as number) - (y[1] as number));
  // Codes local to the run's test case, kept beside the values (readers map them to their own).
  const codes = new Map<string, number>();
  const columns = columnsOf(rows, fields, codes);
  const categories = JSON.stringify([...codes.keys()]);
  const ids = Buffer.from(Int32Array.from(rows, (row) => row[1] as number).buffer);
  const insert = insertStatement(db);
  for (const field of fields) {
    // A field no sample has is stored as missing values: precomputed, and found absent.
    const column = columns.get(field) ?? new Float64Array(rows.length).fill(Number.NaN);
    const usesCodes = rows.some((row) => typeof row[fields.indexOf(field) + 2] === "string");
    insert.run(
      testRunId,
      configuration,
      field,
      testCaseVersionId,
      EMPTY,
      ids,
      Buffer.from(column.buffer),
      usesCodes ? categories : "[]",
    );
  }
}

/**
 * Forgets precomputed values that sample metrics written since have made stale: a test case's (every test
 * case's when null), and the whole run's, which holds them too.
 */
export function clearSampleColumns(
  db: DB,
  testRunId: number,
  configuration: string,
  testCaseVersionId: number | null,
): void {
  db.$client
    .prepare<[number, string, number | null, number | null]>(
      `DELETE FROM sample_metric_columns WHERE test_run_id = ? AND configuration = ?
       AND (? IS NULL OR part = ? OR part = 0)`,
    )
    .run(testRunId, configuration, testCaseVersionId, testCaseVersionId);
}

/**
 * Once a run is completed, joins its test cases' precomputed values into one row per field (`part` 0), so a
 * comparison reads a run in a few rows. Only when every test case with stored metrics has its values.
 */
export function consolidateSampleColumns(db: DB, testRunId: number, configuration: string): void {
  const sqlite = db.$client;
  const fields = runFields(db, testRunId);
  if (fields.length === 0) return;
  const evaluated = sqlite
    .prepare<[number, string], number>(
      "SELECT count(*) FROM test_case_metrics WHERE test_run_id = ? AND configuration = ?",
    )
    .pluck()
    .get(testRunId, configuration) as number;
  const read = sqlite
    .prepare<[number, string, string]>(
      `SELECT part, sample_ids, "values", categories_json FROM sample_metric_columns
       WHERE test_run_id = ? AND configuration = ? AND field = ? AND part <> 0 ORDER BY part`,
    )
    .raw();
  const insert = insertStatement(db);
  for (const field of fields) {
    const parts = read.all(testRunId, configuration, field) as [number, Buffer, Buffer, string][];
    if (parts.length === 0 || parts.length !== evaluated) return;
    const total = parts.reduce((sum, [, ids]) => sum + ids.byteLength / 4, 0);
    const testCaseIds = new Int32Array(total);
    const sampleIds = new Int32Array(total);
    const values = new Float64Array(total);
    const categories = new Map<string, number>();
    let at = 0;
    for (const [part, ids, partValues, categoriesJson] of parts) {
      const n = ids.byteLength / 4;
      testCaseIds.fill(part, at, at + n);
      sampleIds.set(copyOf(ids, Int32Array), at);
      const column = copyOf(partValues, Float64Array);
      // The part's own category codes, made the whole run's.
      const recode = (JSON.parse(categoriesJson) as string[]).map((category) => {
        let code = categories.get(category);
        if (code === undefined) categories.set(category, (code = categories.size));
        return code;
      });
      for (let i = 0; i < n; i++) {
        const value = column[i] as number;
        values[at + i] =
          recode.length > 0 && !Number.isNaN(value) ? (recode[value] as number) : value;
      }
      at += n;
    }
    insert.run(
      testRunId,
      configuration,
      field,
      0,
      Buffer.from(testCaseIds.buffer),
      Buffer.from(sampleIds.buffer),
      Buffer.from(values.buffer),
      JSON.stringify([...categories.keys()]),
    );
  }
}

const EMPTY = Buffer.alloc(0);

function insertStatement(db: DB) {
  return db.$client.prepare<[number, string, string, number, Buffer, Buffer, Buffer, string]>(
    `INSERT OR REPLACE INTO sample_metric_columns
       (test_run_id, configuration, field, part, test_case_ids, sample_ids, "values", categories_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
}

function copyOf<T extends Int32Array | Float64Array>(
  buffer: Buffer,
  type: new (buffer: ArrayBuffer) => T,
): T {
  return new type(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
  );
}

/** Whether the test case version has more than `limit` samples (counting no further). */
function membersAbove(db: DB, testCaseVersionId: number, limit: number): boolean {
  const counted = db.$client
    .prepare<[number, number], number>(
      `SELECT count(*) FROM (SELECT 1 FROM test_case_versions v JOIN test_case_members m ON m.test_case_id = v.test_case_id
       WHERE v.id = ? AND m.added_version <= v.version AND (m.removed_version IS NULL OR m.removed_version > v.version)
       LIMIT ?)`,
    )
    .pluck()
    .get(testCaseVersionId, limit + 1) as number;
  return counted > limit;
}

/** The test case's own rows, and the rows stored for every test case of its members that have none. */
function withShared(
  db: DB,
  testRunId: number,
  configuration: string,
  testCaseVersionId: number,
  fields: readonly string[],
  own: unknown[][],
): unknown[][] {
  const members = db.$client
    .prepare<[number], number>(
      `SELECT m.sample_id FROM test_case_versions v JOIN test_case_members m ON m.test_case_id = v.test_case_id
       WHERE v.id = ? AND m.added_version <= v.version AND (m.removed_version IS NULL OR m.removed_version > v.version)`,
    )
    .pluck()
    .all(testCaseVersionId);
  const covered = new Set(own.map((row) => row[1] as number));
  const sharedOf = members.filter((id) => !covered.has(id));
  return [...own, ...sampleMetricRows(db, testRunId, configuration, fields, { sharedOf })];
}
