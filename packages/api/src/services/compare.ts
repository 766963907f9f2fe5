import type { DB } from "@assay/db";
import { sql } from "@assay/db";
import { benjaminiHochberg, mcnemarTest } from "@assay/metrics";
import { z } from "zod";

import { incorrectUsage } from "../errors";
import { visibleAt } from "./test-cases";
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
 */
export function compareModels(
  db: DB,
  raw: z.input<typeof CompareInput>,
): { testCases: TestCaseComparison[] } {
  const input = CompareInput.parse(raw);
  if (!input.modelIds.includes(input.referenceModelId)) {
    throw incorrectUsage("the reference model must be one of the models compared");
  }
  const suite = getTestSuiteVersion(db, input.testSuiteId);
  const runs = new Map<number, number>();
  for (const modelId of input.modelIds) {
    const run = db.get<{ id: number }>(sql`
      SELECT id FROM test_runs WHERE model_id = ${modelId} AND test_suite_version_id = ${input.testSuiteId}
        ${input.evaluator === undefined ? sql`` : sql`AND evaluator = ${input.evaluator}`}
      ORDER BY id DESC LIMIT 1`);
    if (run) runs.set(modelId, run.id);
  }
  const others = input.modelIds.filter((id) => id !== input.referenceModelId);
  const path = `$."${input.correctnessField.replace(/"/g, "")}"`;
  const perModel = new Map<number, { testCaseId: number; delta: number; pValue: number }[]>();
  const testCases = suite.testCases.map((testCase) => {
    const common = db.all<{ sample_id: number }>(sql`
      SELECT m.sample_id FROM test_case_members m
      WHERE m.test_case_id = ${testCase.testCaseId} AND ${visibleAt(testCase.version)}
        AND (SELECT count(*) FROM inferences i WHERE i.sample_id = m.sample_id AND i.model_id IN ${input.modelIds}) = ${input.modelIds.length}`);
    const correctness = (modelId: number) =>
      correctnessOf(db, runs.get(modelId), input.configuration, testCase.id, path);
    const reference = correctness(input.referenceModelId);
    for (const modelId of others) {
      const candidate = correctness(modelId);
      if (!reference || !candidate) continue;
      const a: boolean[] = [];
      const b: boolean[] = [];
      for (const { sample_id } of common) {
        const x = reference.get(sample_id);
        const y = candidate.get(sample_id);
        if (x === undefined || y === undefined) continue;
        a.push(x);
        b.push(y);
      }
      if (a.length === 0) continue;
      const result = mcnemarTest(a, b);
      perModel.set(modelId, [
        ...(perModel.get(modelId) ?? []),
        { testCaseId: testCase.id, delta: (result.c - result.b) / a.length, pValue: result.pValue },
      ]);
    }
    return {
      testCaseId: testCase.id,
      commonSamples: common.length,
      comparisons: [] as ModelComparison[],
    };
  });
  for (const [modelId, rows] of perModel) {
    const adjusted = benjaminiHochberg(rows.map((row) => row.pValue));
    rows.forEach((row, i) => {
      const target = testCases.find((tc) => tc.testCaseId === row.testCaseId);
      const adjustedPValue = adjusted[i] as number;
      target?.comparisons.push({
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

/** Per-sample correctness a run stored for a test case (or for all its test cases), or null when it has none. */
function correctnessOf(
  db: DB,
  testRunId: number | undefined,
  configuration: string,
  testCaseVersionId: number,
  path: string,
): Map<number, boolean> | null {
  if (testRunId === undefined) return null;
  const rows = db.all<{ sample_id: number; value: string | null; kind: string | null }>(sql`
    SELECT sample_id, json_extract(metrics_json, ${path}) AS value, json_type(metrics_json, ${path}) AS kind
    FROM sample_metrics WHERE test_run_id = ${testRunId} AND configuration = ${configuration}
      AND (test_case_version_id IS NULL OR test_case_version_id = ${testCaseVersionId})`);
  const out = new Map<number, boolean>();
  for (const row of rows)
    if (row.kind === "true" || row.kind === "false") out.set(row.sample_id, row.kind === "true");
  return out.size > 0 ? out : null;
}
