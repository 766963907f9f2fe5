import type { DB } from "@assay/db";
import type { SampleColumn } from "@assay/metrics";
import type { MetricMeaning } from "@assay/workflow";
import { parseJson } from "@assay/workflow/wire";

/**
 * A run's per-sample values of a few metric fields in one configuration, test case by test case, as the
 * comparison engine reads them: numbers as they are, booleans as 1 / 0, strings as codes (shared through
 * `codes` by every run of one comparison, so that two models' labels match), anything else as NaN.
 */
export interface SampleValues {
  /** The samples of a test case version that have values, and each field's values in the same order. */
  of(testCaseVersionId: number): TestCaseValues;
}

/**
 * A test case's samples: `ids[start]` to `ids[end - 1]`, in ascending order, and each field's values at the same
 * positions (the arrays may hold other test cases' samples around them: a run is read whole, not copied out).
 */
export interface TestCaseValues {
  readonly ids: Int32Array;
  readonly start: number;
  readonly end: number;
  /** A field's values; undefined when the run does not have the field. */
  column(field: string): SampleColumn | undefined;
}

/** The per-sample fields a run's metric meanings name: what is precomputed and compared. */
export function fieldsOf(meanings: Record<string, MetricMeaning>): string[] {
  const fields = new Set<string>();
  for (const [name, meaning] of Object.entries(meanings)) {
    if (name.includes(".")) continue;
    if (meaning.of !== undefined) fields.add(meaning.of);
    for (const field of Object.values(meaning.recompute?.of ?? {})) fields.add(field);
  }
  return [...fields].sort();
}

/** `fieldsOf` for a stored run. */
export function runFields(db: DB, testRunId: number): string[] {
  const json = db.$client
    .prepare<[number], string>("SELECT metric_meanings_json FROM test_runs WHERE id = ?")
    .pluck()
    .get(testRunId);
  return fieldsOf(parseJson(json ?? "{}") as Record<string, MetricMeaning>);
}

/** A JSON value as the engine reads it (see `SampleValues`), coding strings through `codes`. */
export function sampleValue(value: unknown, codes: Map<string, number>): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    let code = codes.get(value);
    if (code === undefined) codes.set(value, (code = codes.size));
    return code;
  }
  return Number.NaN;
}

/**
 * The run's values, from the columns precomputed when each test case's metrics were stored
 * (`sample_metric_columns`), or, for a run that has none for some test case, from its sample metrics' JSON.
 */
export function readSampleValues(
  db: DB,
  testRunId: number,
  configuration: string,
  fields: readonly string[],
  codes: Map<string, number>,
  membersOf: (testCaseVersionId: number) => number[],
): SampleValues {
  return (
    readPrecomputed(db, testRunId, configuration, fields, codes) ??
    readJson(db, testRunId, configuration, fields, codes, membersOf)
  );
}

type Segment = { ids: Int32Array; columns: Map<string, SampleColumn> };

function readPrecomputed(
  db: DB,
  testRunId: number,
  configuration: string,
  fields: readonly string[],
  codes: Map<string, number>,
): SampleValues | null {
  if (fields.length === 0) return null;
  const whole = readWholeRun(db, testRunId, configuration, fields, codes);
  if (whole) return whole;
  const byTestCase = readParts(db, testRunId, configuration, fields, codes);
  if (!byTestCase) return null;
  return {
    of: (testCaseVersionId) => {
      const entry = byTestCase.get(testCaseVersionId);
      return entry
        ? {
            ids: entry.ids,
            start: 0,
            end: entry.ids.length,
            column: (field) => entry.columns.get(field),
          }
        : EMPTY;
    },
  };
}

const EMPTY: TestCaseValues = { ids: new Int32Array(0), start: 0, end: 0, column: () => undefined };

/** Precomputed rows of a run's fields: its whole-run rows (part 0), or its test cases' (see the table). */
function columnRows(
  db: DB,
  testRunId: number,
  configuration: string,
  fields: readonly string[],
  which: "whole" | "parts",
) {
  return db.$client
    .prepare(
      `SELECT field, part, test_case_ids, sample_ids, "values", categories_json FROM sample_metric_columns
       WHERE test_run_id = ? AND configuration = ? AND part ${which === "whole" ? "=" : "<>"} 0
         AND field IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(testRunId, configuration, JSON.stringify(fields)) as [
    string,
    number,
    Buffer,
    Buffer,
    Buffer,
    string,
  ][];
}

/**
 * The run's rows for all its test cases (made when it was completed): read as they are, each test case a range
 * of them (its samples are contiguous, in ascending id order).
 */
function readWholeRun(
  db: DB,
  testRunId: number,
  configuration: string,
  fields: readonly string[],
  codes: Map<string, number>,
): SampleValues | null {
  const rows = columnRows(db, testRunId, configuration, fields, "whole");
  if (rows.length !== fields.length || rows[0] === undefined) return null;
  const [, , testCaseIdsBlob, idsBlob] = rows[0];
  const testCaseIds = int32s(testCaseIdsBlob);
  const ids = int32s(idsBlob);
  const ranges = new Map<number, [number, number]>();
  for (let start = 0; start < testCaseIds.length;) {
    const part = testCaseIds[start] as number;
    let end = start + 1;
    while (end < testCaseIds.length && testCaseIds[end] === part) end++;
    ranges.set(part, [start, end]);
    start = end;
  }
  const columns = new Map<string, SampleColumn>();
  for (const [field, , , , valuesBlob, categoriesJson] of rows) {
    const column = recoded(float64s(valuesBlob), categoriesJson, codes);
    if (!column.every(Number.isNaN)) columns.set(field, column);
  }
  const column = (field: string) => columns.get(field);
  return {
    of: (testCaseVersionId) => {
      const range = ranges.get(testCaseVersionId);
      return range ? { ids, start: range[0], end: range[1], column } : EMPTY;
    },
  };
}

/** The run's rows per test case (those whose metrics were stored), or null when one is missing. */
function readParts(
  db: DB,
  testRunId: number,
  configuration: string,
  fields: readonly string[],
  codes: Map<string, number>,
): Map<number, Segment> | null {
  const rows = columnRows(db, testRunId, configuration, fields, "parts");
  const byTestCase = new Map<number, Segment>();
  const found = new Map<string, number>();
  for (const [field, part, , ids, values, categoriesJson] of rows) {
    found.set(field, (found.get(field) ?? 0) + 1);
    let entry = byTestCase.get(part);
    if (!entry) {
      entry = { ids: int32s(ids), columns: new Map() };
      byTestCase.set(part, entry);
    }
    const column = recoded(float64s(values), categoriesJson, codes);
    if (!column.every(Number.isNaN)) entry.columns.set(field, column);
  }
  // Every field for every test case, or the run was not precomputed (stored before, or changed since).
  const complete = stored(db, testRunId, configuration);
  return fields.some((field) => found.get(field) !== complete) ? null : byTestCase;
}

/** A column whose strings are the run's own category codes, with the comparison's codes instead (in place). */
function recoded(column: Float64Array, categoriesJson: string, codes: Map<string, number>) {
  if (categoriesJson === "[]") return column;
  const recode = (JSON.parse(categoriesJson) as string[]).map((c) => sampleValue(c, codes));
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as number;
    if (!Number.isNaN(value)) column[i] = recode[value] as number;
  }
  return column;
}

/** How many test cases of the run (in the configuration) have metrics stored. */
function stored(db: DB, testRunId: number, configuration: string): number {
  return db.$client
    .prepare<[number, string], number>(
      "SELECT count(*) FROM test_case_metrics WHERE test_run_id = ? AND configuration = ?",
    )
    .pluck()
    .get(testRunId, configuration) as number;
}

function readJson(
  db: DB,
  testRunId: number,
  configuration: string,
  fields: readonly string[],
  codes: Map<string, number>,
  membersOf: (testCaseVersionId: number) => number[],
): SampleValues {
  const rows = sampleMetricRows(db, testRunId, configuration, fields, { all: true });
  const shared = new Map<number, unknown[]>();
  const perTestCase = new Map<number, Map<number, unknown[]>>();
  for (const row of rows) {
    const [testCaseVersionId, sampleId] = row as [number | null, number];
    if (testCaseVersionId === null) shared.set(sampleId, row);
    else {
      let rowsOf = perTestCase.get(testCaseVersionId);
      if (!rowsOf) perTestCase.set(testCaseVersionId, (rowsOf = new Map<number, unknown[]>()));
      rowsOf.set(sampleId, row);
    }
  }
  return {
    of: (testCaseVersionId) => {
      const own = perTestCase.get(testCaseVersionId);
      const ids: number[] = [];
      const picked: unknown[][] = [];
      // In sample id order, as precomputed values are.
      for (const sampleId of [...membersOf(testCaseVersionId)].sort((x, y) => x - y)) {
        const row = own?.get(sampleId) ?? shared.get(sampleId);
        if (row === undefined) continue;
        ids.push(sampleId);
        picked.push(row);
      }
      const columns = columnsOf(picked, fields, codes);
      return {
        ids: Int32Array.from(ids),
        start: 0,
        end: ids.length,
        column: (field) => columns.get(field),
      };
    },
  };
}

/** Which sample metric rows of a run: all, one test case version's own, or those stored for all of some samples. */
export type RowScope =
  | { readonly all: true }
  | { readonly testCaseVersionId: number }
  | { readonly sharedOf: readonly number[] };

/** Sample metric rows `[testCaseVersionId, sampleId, ...values of fields]` of a run in a configuration. */
export function sampleMetricRows(
  db: DB,
  testRunId: number,
  configuration: string,
  fields: readonly string[],
  scope: RowScope,
): unknown[][] {
  // `->` keeps JSON types apart (true is "true", the string "1" is "\"1\""): parsed per value below.
  const extracts = fields.map(() => ", metrics_json -> ?").join("");
  const paths = fields.map((field) => `$."${field.replace(/"/g, "")}"`);
  const [where, args]: [string, unknown[]] =
    "testCaseVersionId" in scope
      ? [" AND test_case_version_id = ?", [scope.testCaseVersionId]]
      : "sharedOf" in scope
        ? [
            " AND test_case_version_id IS NULL AND sample_id IN (SELECT value FROM json_each(?))",
            [JSON.stringify(scope.sharedOf)],
          ]
        : ["", []];
  const rows = db.$client
    .prepare(
      `SELECT test_case_version_id, sample_id${extracts} FROM sample_metrics
       WHERE test_run_id = ? AND configuration = ?${where}`,
    )
    .raw()
    .all(...paths, testRunId, configuration, ...args) as (number | string | null)[][];
  return rows.map((row) =>
    row.map((value, i) => (i < 2 || value === null ? value : parseJson(value as string))),
  );
}

/** Each field's column over rows `[testCaseVersionId, sampleId, ...values]` (absent: no row has the field). */
export function columnsOf(
  rows: readonly unknown[][],
  fields: readonly string[],
  codes: Map<string, number>,
): Map<string, SampleColumn> {
  const columns = new Map<string, SampleColumn>();
  fields.forEach((field, f) => {
    const column = Float64Array.from(rows, (row) => sampleValue(row[f + 2], codes));
    if (rows.some((row) => row[f + 2] !== null && row[f + 2] !== undefined))
      columns.set(field, column);
  });
  return columns;
}

/** A typed view of a blob's bytes, copied only when they are not aligned for the type. */
const int32s = (buffer: Buffer) =>
  buffer.byteOffset % 4 === 0
    ? new Int32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4)
    : new Int32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
const float64s = (buffer: Buffer) =>
  buffer.byteOffset % 8 === 0
    ? new Float64Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 8)
    : new Float64Array(
        buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
      );
