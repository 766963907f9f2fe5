import type { DB } from "@assay/db";
import { benjaminiHochberg, mcnemarFromCounts } from "@assay/metrics";
import { z } from "zod";

import { incorrectUsage } from "../errors";
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
  /** The boolean per-sample metric that says a sample was handled correctly. */
  correctnessField: z.string().default("correct"),
  /** False discovery rate for Benjamini–Hochberg across the suite's test cases. */
  fdr: z.number().gt(0).lt(1).default(0.05),
  /**
   * Only these test case versions in the answer (the rows on screen). The tests, and Benjamini–Hochberg, always
   * cover the whole suite; the whole comparison is remembered until the store changes, so pages are cheap.
   */
  testCaseIds: z.array(z.int()).max(10_000).optional(),
});

export interface ModelComparison {
  modelId: number;
  test: "mcnemar";
  /** Accuracy of the model minus the reference's, on the common samples. */
  delta: number;
  pValue: number;
  adjustedPValue: number;
  significant: boolean;
}

export interface TestCaseComparison {
  testCaseId: number;
  /** Samples of the test case every chosen model has an inference for: comparisons use only these. */
  commonSamples: number;
  comparisons: ModelComparison[];
}

/**
 * Compares models with a reference, test case by test case, on the samples all of them were tested on. Where the
 * runs stored per-sample correctness, McNemar's test decides significance, with Benjamini–Hochberg across the
 * suite's test cases; otherwise clients fall back to Kolena's margin of error with `commonSamples` as n.
 *
 * Sized for a hundred models over thousands of test cases: one query per test case for its members, one per
 * model for its inferences and its stored correctness, and only two runs' correctness in memory at a time.
 */
export function compareModels(
  db: DB,
  raw: z.input<typeof CompareInput>,
): { testCases: TestCaseComparison[] } {
  const { testCaseIds, ...input } = CompareInput.parse(raw);
  if (!input.modelIds.includes(input.referenceModelId)) {
    throw incorrectUsage("the reference model must be one of the models compared");
  }
  const all = memoized(db, `compare:${JSON.stringify(input)}`, () => compareSuite(db, input));
  if (testCaseIds === undefined) return all;
  const wanted = new Set(testCaseIds);
  return { testCases: all.testCases.filter((tc) => wanted.has(tc.testCaseId)) };
}

function compareSuite(
  db: DB,
  input: Omit<z.output<typeof CompareInput>, "testCaseIds">,
): { testCases: TestCaseComparison[] } {
  const suite = getTestSuiteVersion(db, input.testSuiteId);
  const sqlite = db.$client;
  const runs = latestRunsOf(db, input);

  const membersOf = sqlite
    .prepare<[number, number, number], number>(
      `SELECT sample_id FROM test_case_members
       WHERE test_case_id = ? AND added_version <= ? AND (removed_version IS NULL OR removed_version > ?)`,
    )
    .pluck();
  const members = suite.testCases.map((tc) => membersOf.all(tc.testCaseId, tc.version, tc.version));
  const suiteSamples = JSON.stringify([...new Set(members.flat())]);
  const inferredBy = sqlite
    .prepare<[number, string], number>(
      "SELECT sample_id FROM inferences WHERE model_id = ? AND sample_id IN (SELECT value FROM json_each(?))",
    )
    .pluck();
  let everyModel: Set<number> | undefined;
  for (const modelId of input.modelIds) {
    const inferred = new Set(inferredBy.all(modelId, suiteSamples));
    everyModel = everyModel ? new Set([...everyModel].filter((id) => inferred.has(id))) : inferred;
  }
  const common = members.map((ids) => ids.filter((id) => everyModel?.has(id)));
  const testCases = suite.testCases.map((tc, i) => ({
    testCaseId: tc.id,
    commonSamples: (common[i] as number[]).length,
    comparisons: [] as ModelComparison[],
  }));

  const indexOf = new Map(suite.testCases.map((tc, i) => [tc.id, i]));
  const correctnessOf = (modelId: number) => readCorrectness(db, runs.get(modelId), input, indexOf);
  const reference = correctnessOf(input.referenceModelId);
  if (!reference) return { testCases };
  for (const modelId of input.modelIds) {
    if (modelId === input.referenceModelId) continue;
    const candidate = correctnessOf(modelId);
    if (!candidate) continue;
    const rows: { index: number; delta: number; pValue: number }[] = [];
    common.forEach((samples, index) => {
      // McNemar needs only the discordant counts: b (reference right, candidate wrong) and c.
      let n = 0;
      let b = 0;
      let c = 0;
      for (const sampleId of samples) {
        const x = reference.of(index, sampleId);
        const y = candidate.of(index, sampleId);
        if (x === undefined || y === undefined) continue;
        n++;
        if (x && !y) b++;
        else if (!x && y) c++;
      }
      if (n === 0) return;
      rows.push({ index, delta: (c - b) / n, pValue: mcnemarFromCounts(b, c).pValue });
    });
    const adjusted = benjaminiHochberg(rows.map((row) => row.pValue));
    rows.forEach((row, i) => {
      const adjustedPValue = adjusted[i] as number;
      testCases[row.index]?.comparisons.push({
        modelId,
        test: "mcnemar",
        delta: row.delta,
        pValue: row.pValue,
        adjustedPValue,
        significant: adjustedPValue <= input.fdr,
      });
    });
  }
  return { testCases };
}

interface Correctness {
  /** Whether the sample was handled correctly in the suite's `index`-th test case, if the run stored it. */
  of(index: number, sampleId: number): boolean | undefined;
}

/** The per-sample correctness a run stored (per test case, or for all of them), read in one pass. */
function readCorrectness(
  db: DB,
  testRunId: number | undefined,
  input: { configuration: string; correctnessField: string },
  indexOf: Map<number, number>,
): Correctness | null {
  if (testRunId === undefined) return null;
  // `->` gives the value as JSON text: "true" / "false" for booleans, so one JSON lookup per row suffices. The
  // built-in evaluators' field is read from the index that holds it (the expression must match it exactly).
  type Row = [number | null, number, string | null];
  const rows =
    input.correctnessField === "correct"
      ? db.$client
          .prepare<[number, string], Row>(
            `SELECT test_case_version_id, sample_id, metrics_json -> '$."correct"' FROM sample_metrics
             WHERE test_run_id = ? AND configuration = ?`,
          )
          .raw()
          .all(testRunId, input.configuration)
      : db.$client
          .prepare<[string, number, string], Row>(
            `SELECT test_case_version_id, sample_id, metrics_json -> ? FROM sample_metrics
             WHERE test_run_id = ? AND configuration = ?`,
          )
          .raw()
          .all(`$."${input.correctnessField.replace(/"/g, "")}"`, testRunId, input.configuration);
  const shared = new Map<number, boolean>();
  const perTestCase: (Map<number, boolean> | undefined)[] = [];
  let found = false;
  for (const [testCaseVersionId, sampleId, value] of rows) {
    if (value !== "true" && value !== "false") continue;
    found = true;
    if (testCaseVersionId === null) {
      shared.set(sampleId, value === "true");
      continue;
    }
    const index = indexOf.get(testCaseVersionId);
    if (index === undefined) continue;
    const target = (perTestCase[index] ??= new Map<number, boolean>());
    target.set(sampleId, value === "true");
  }
  if (!found) return null;
  return { of: (index, sampleId) => perTestCase[index]?.get(sampleId) ?? shared.get(sampleId) };
}
