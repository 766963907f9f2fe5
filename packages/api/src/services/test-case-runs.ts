import type { DB } from "@assay/db";
import { sql } from "@assay/db";
import { z } from "zod";

import { getTestRun } from "./test-runs";
import { getTestCaseVersion } from "./test-cases";

export const TestCaseRunsInput = z.object({
  /** The test case version shown. */
  testCaseId: z.int(),
  modelIds: z.array(z.int()).max(200),
});

export const TestCaseRun = z.object({
  testRunId: z.int(),
  modelId: z.int(),
  modelName: z.string(),
  evaluator: z.string().nullable(),
  /** The suite version the run tested (holding this test case version). */
  testSuiteId: z.int(),
  suiteName: z.string(),
  suiteVersion: z.int(),
  /** Configuration display names whose per-sample metrics may exist ("" for an evaluator without any). */
  configurations: z.array(z.string()),
  /** Each configuration's settings (IoU, threshold, …) by display name: the gallery re-matches with them. */
  settings: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type TestCaseRun = z.output<typeof TestCaseRun>;

/**
 * Where a test case version's per-sample metrics are for some models: each model's newest run per (suite,
 * evaluator) whose suite version holds this test case version, newest first. One query instead of a model's
 * runs and a suite per run fetched by the browser.
 */
export function testCaseRuns(db: DB, raw: z.input<typeof TestCaseRunsInput>): TestCaseRun[] {
  const input = TestCaseRunsInput.parse(raw);
  const record = getTestCaseVersion(db, input.testCaseId);
  if (input.modelIds.length === 0) return [];
  const rows = db.all<{
    id: number;
    model_id: number;
    model_name: string;
    suite_id: number;
    suite_version_id: number;
    suite_version: number;
    suite_name: string;
    evaluator: string;
  }>(sql`
    SELECT r.id, r.model_id, m.name AS model_name, s.id AS suite_id, sv.id AS suite_version_id,
           sv.version AS suite_version, s.name AS suite_name, r.evaluator
    FROM test_runs r
      JOIN models m ON m.id = r.model_id
      JOIN test_suite_versions sv ON sv.id = r.test_suite_version_id
      JOIN test_suites s ON s.id = sv.test_suite_id
    WHERE r.model_id IN ${input.modelIds}
      AND EXISTS (SELECT 1 FROM test_suite_members tm
                  WHERE tm.test_suite_version_id = sv.id AND tm.test_case_version_id = ${record.id})
    ORDER BY sv.version DESC, r.id DESC`);
  const seen = new Set<string>();
  const runs: TestCaseRun[] = [];
  for (const row of rows) {
    // A newer suite version's run supersedes an older one's: the gallery shows what results show today.
    const key = `${row.model_id}\u0000${row.suite_id}\u0000${row.evaluator}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const run = getTestRun(db, row.id);
    const named = run.configurations.map((c) => c.displayName);
    const configurations = [...new Set([...named, ...run.evaluated])];
    runs.push({
      testRunId: row.id,
      modelId: row.model_id,
      modelName: row.model_name,
      evaluator: run.evaluator,
      testSuiteId: row.suite_version_id,
      suiteName: row.suite_name,
      suiteVersion: row.suite_version,
      configurations: configurations.length > 0 ? configurations : [""],
      settings: Object.fromEntries(run.configurations.map((c) => [c.displayName, c.configuration])),
    });
  }
  // The models in the order chosen (their colours and layers follow it), then suites by name.
  const rank = (id: number) => input.modelIds.indexOf(id);
  return runs.sort(
    (a, b) => rank(a.modelId) - rank(b.modelId) || a.suiteName.localeCompare(b.suiteName),
  );
}
