import type { DB } from "@assay/db";
import type { Adjustment } from "@assay/metrics";
import { adjustments, compareCell, pairedProportion, pairedSamplesOf } from "@assay/metrics";
import type { CellComparison, CellTest, MetricMeaning, Untested } from "@assay/workflow";
import { parseJson } from "@assay/workflow/wire";
import { z } from "zod";

import { incorrectUsage } from "../errors";
import type { SampleValues, TestCaseValues } from "./sample-values";
import { metricNames } from "./matrix";
import { readSampleValues } from "./sample-values";
import { memoized } from "./store-memo";
import { latestRunsOf } from "./test-runs";
import { getTestSuiteVersion } from "./test-suites";

export const CompareInput = z.object({
  /** The test suite version. */
  testSuiteId: z.int(),
  /** The models compared; the reference is one of them. */
  modelIds: z.array(z.int()).min(1).max(100),
  referenceModelId: z.int(),
  evaluator: z.string().optional(),
  configuration: z.string().default(""),
  /**
   * The test case metrics compared (top-level fields). Default: every metric the runs declare a kind for. The
   * Benjamini–Hochberg adjustment is across every tested cell of these metrics, models and test cases.
   */
  metrics: z.array(z.string().min(1).max(256)).min(1).max(100).optional(),
  /** The false discovery rate across the cells, and 1 - the intervals' confidence. */
  alpha: z.number().gt(0).lt(1).default(0.05),
  /**
   * Only these test case versions in the answer (the rows on screen). The tests, and Benjamini–Hochberg, always
   * cover the whole suite; the whole comparison is remembered until the store changes, so pages are cheap.
   */
  testCaseIds: z.array(z.int()).max(10_000).optional(),
});

export type ComparedCell = { modelId: number; metric: string } & CellComparison;

export interface TestCaseComparison {
  /** The test case version. */
  testCaseId: number;
  name: string;
  /** Each model but the reference against it, metric by metric. */
  cells: ComparedCell[];
}

export interface Comparison {
  referenceModelId: number;
  alpha: number;
  /** The metrics compared, with what each means (null when its evaluator does not say). */
  metrics: { name: string; meaning: MetricMeaning | null }[];
  testCases: TestCaseComparison[];
}

/**
 * Compares models with a reference, test case by test case and metric by metric, with `@assay/metrics`'
 * comparison engine: on the samples both models were tested on, each metric by the test of its declared kind,
 * then Benjamini–Hochberg across every tested cell. The web UI, the SDK's `compare()`, `assay compare` and
 * `assay gate` all read this answer, so they cannot disagree.
 *
 * Sized for a hundred models over thousands of test cases: one query per test case for its members, one per
 * model for the per-sample values the metrics are made of, and only two models' values in memory at a time.
 */
export function compareModels(db: DB, raw: z.input<typeof CompareInput>): Comparison {
  const { testCaseIds, ...input } = CompareInput.parse(raw);
  if (!input.modelIds.includes(input.referenceModelId)) {
    throw incorrectUsage("the reference model must be one of the models compared");
  }
  const all = memoized(db, `compare:${JSON.stringify(input)}`, () => compareSuite(db, input));
  if (testCaseIds === undefined) return all;
  const wanted = new Set(testCaseIds);
  return { ...all, testCases: all.testCases.filter((tc) => wanted.has(tc.testCaseId)) };
}

type Input = Omit<z.output<typeof CompareInput>, "testCaseIds">;

/**
 * Where comparisons are computed: the server's reading thread, so that a matrix of a hundred thousand cells does
 * not hold the server's thread (requests and /healthz) while it is tested. In the request's thread when absent.
 */
export interface ComparisonReader {
  compare(input: z.input<typeof CompareInput>): Promise<Comparison>;
}

function compareSuite(db: DB, input: Input): Comparison {
  const suite = getTestSuiteVersion(db, input.testSuiteId);
  const runs = latestRunsOf(db, input);
  const meanings = declaredMeanings(db, runs, input.referenceModelId);
  // By default, every metric the runs hold whose kind is declared (a binary evaluation's TP, say, and not a
  // multiclass one's, which has none).
  const names =
    input.metrics ??
    metricNames(db, input)
      .filter(({ meaning }) => meaning?.kind !== undefined)
      .map(({ name }) => name);
  const metrics = names.map((name) => ({ name, meaning: meanings[name] ?? null }));
  const fields = [
    ...new Set(
      metrics.flatMap(({ meaning }) => [
        ...(meaning?.of !== undefined ? [meaning.of] : []),
        ...Object.values(meaning?.recompute?.of ?? {}),
      ]),
    ),
  ];
  // Members are read only for runs whose values were not precomputed (their sample metrics' JSON is).
  const membersQuery = db.$client
    .prepare<[number, number, number], number>(
      `SELECT sample_id FROM test_case_members
       WHERE test_case_id = ? AND added_version <= ? AND (removed_version IS NULL OR removed_version > ?)`,
    )
    .pluck();
  const members = new Map<number, number[]>();
  const membersOf = (testCaseVersionId: number) => {
    let ids = members.get(testCaseVersionId);
    if (!ids) {
      const tc = suite.testCases.find((t) => t.id === testCaseVersionId);
      ids = tc ? membersQuery.all(tc.testCaseId, tc.version, tc.version) : [];
      members.set(testCaseVersionId, ids);
    }
    return ids;
  };

  const codes = new Map<string, number>();
  const valuesOf = (modelId: number): SampleValues | null => {
    const runId = runs.get(modelId);
    return runId === undefined
      ? null
      : readSampleValues(db, runId, input.configuration, fields, codes, membersOf);
  };
  const reference = valuesOf(input.referenceModelId);
  const raw: { modelId: number; testCase: number; metric: string; test: CellTest | Untested }[] =
    [];
  // Scratch rows for pairing samples: most cells are a proportion, tested from its columns without copies.
  let rowsA = new Int32Array(1024);
  let rowsB = new Int32Array(1024);
  const noRun: Untested = {
    tested: false,
    reason: "one of the models has no run of this evaluator on the suite",
  };
  for (const modelId of input.modelIds) {
    if (modelId === input.referenceModelId) continue;
    const candidate = valuesOf(modelId);
    suite.testCases.forEach((tc, t) => {
      const a = reference?.of(tc.id);
      const b = candidate?.of(tc.id);
      const most = a && b ? Math.min(a.end - a.start, b.end - b.start) : 0;
      if (most > rowsA.length) {
        rowsA = new Int32Array(most);
        rowsB = new Int32Array(most);
      }
      const pairs = a && b ? matchIds(a, b, rowsA, rowsB) : -1;
      for (const { name, meaning } of metrics) {
        let test: CellTest | Untested = noRun;
        if (a && b) {
          const x =
            meaning?.kind === "proportion" && meaning.of !== undefined
              ? a.column(meaning.of)
              : undefined;
          const y = x && meaning?.of !== undefined ? b.column(meaning.of) : undefined;
          const samples =
            x && y
              ? pairedProportion(x, y, rowsA, rowsB, pairs)
              : pairedSamplesOf(
                  meaning ?? undefined,
                  aligned(a, rowsA, pairs),
                  aligned(b, rowsB, pairs),
                );
          test = compareCell(samples, { alpha: input.alpha });
        }
        raw.push({ modelId, testCase: t, metric: name, test });
      }
    });
  }
  const judged = adjustments(
    raw.map(({ test }) => test),
    raw.map(({ metric }) => meanings[metric]?.higherIsBetter),
    input.alpha,
  );
  const testCases: TestCaseComparison[] = suite.testCases.map((tc) => ({
    testCaseId: tc.id,
    name: tc.name,
    cells: [],
  }));
  raw.forEach(({ modelId, testCase, metric, test }, i) => {
    const cell = test.tested
      ? { modelId, metric, ...test, ...(judged[i] as Adjustment) }
      : { modelId, metric, ...test };
    testCases[testCase]?.cells.push(cell);
  });
  return { referenceModelId: input.referenceModelId, alpha: input.alpha, metrics, testCases };
}

/** What the runs' evaluator declares its metrics mean: the reference's run first, then the others'. */
function declaredMeanings(
  db: DB,
  runs: Map<number, number>,
  referenceModelId: number,
): Record<string, MetricMeaning> {
  const declared = db.$client
    .prepare<[number], string>("SELECT metric_meanings_json FROM test_runs WHERE id = ?")
    .pluck();
  const ordered = [runs.get(referenceModelId), ...runs.values()];
  const meanings: Record<string, MetricMeaning> = {};
  for (const runId of new Set(ordered)) {
    if (runId === undefined) continue;
    const own = parseJson(declared.get(runId) ?? "{}") as Record<string, MetricMeaning>;
    for (const [name, meaning] of Object.entries(own)) meanings[name] ??= meaning;
  }
  return meanings;
}

/** A run's values of a field on the paired samples (its rows in `rows`), copied out for the engine. */
const aligned = (values: TestCaseValues, rows: Int32Array, pairs: number) => (field: string) => {
  const all = values.column(field);
  if (!all) return undefined;
  const column = new Float64Array(pairs);
  for (let i = 0; i < pairs; i++) column[i] = all[rows[i] as number] as number;
  return column;
};

/**
 * Pairs two runs' samples of a test case (ids in ascending order, as `SampleValues` gives them) by a merge:
 * writes the rows of each pair into `rowsA` / `rowsB` (in id order, the same however the values were read, so a
 * seeded bootstrap gives the same interval) and returns how many pairs there are.
 */
function matchIds(
  a: TestCaseValues,
  b: TestCaseValues,
  rowsA: Int32Array,
  rowsB: Int32Array,
): number {
  const { ids: idsA, end: endA } = a;
  const { ids: idsB, end: endB } = b;
  let n = 0;
  for (let i = a.start, j = b.start; i < endA && j < endB;) {
    const x = idsA[i] as number;
    const y = idsB[j] as number;
    if (x < y) i++;
    else if (y < x) j++;
    else {
      rowsA[n] = i++;
      rowsB[n++] = j++;
    }
  }
  return n;
}
