import type { DB } from "@assay/db";
import { sql } from "@assay/db";
import type { MetricMeaning } from "@assay/workflow";
import type { TestSuiteRecord } from "@assay/workflow/wire";
import { parseJson } from "@assay/workflow/wire";
import { z } from "zod";

import { getTestSuiteVersion } from "./test-suites";

/**
 * What a Kolena or W&B user reads first about a model: a rate with a direction (accuracy, F1, AP), on the test
 * case that stands for the whole suite. Counts (TP, "Samples") say how big a test case is, not how good a model
 * is, so they come last; proportions (accuracy) before aggregates (F1, AUC) before means (MAE). Stored meanings
 * lose their declaration order (canonical JSON sorts keys), so names break ties alphabetically: stable, not
 * arbitrary per run.
 */
const KIND_RANK: Record<string, number> = { proportion: 0, aggregate: 1, mean: 2, count: 3 };

export function headlineMetrics(
  meanings: Record<string, MetricMeaning>,
): { name: string; meaning: MetricMeaning }[] {
  return Object.entries(meanings)
    .filter(([name, meaning]) => !name.includes(".") && meaning.higherIsBetter !== undefined)
    .sort(
      ([a, ma], [b, mb]) =>
        (KIND_RANK[ma.kind ?? ""] ?? 4) - (KIND_RANK[mb.kind ?? ""] ?? 4) || a.localeCompare(b),
    )
    .map(([name, meaning]) => ({ name, meaning }));
}

export const Headline = z.object({
  metric: z.string(),
  displayName: z.string(),
  higherIsBetter: z.boolean().nullable(),
  value: z.number().nullable(),
});
export type Headline = z.output<typeof Headline>;

/** A run as the summaries need it: its newest completed state, and where it was tested. */
export interface RunRow {
  id: number;
  model_id: number;
  test_suite_version_id: number;
  evaluator: string;
  metric_meanings_json: string;
  updated_at: number;
}

/**
 * The test case a suite's headline numbers are read from: the largest (ties: the first). Kolena's suites put the
 * complete set ("all shapes") beside its slices, and the whole set is what a single number should describe;
 * averaging test cases instead would count shared samples twice and mix up aggregates.
 */
export function representativeTestCase(suite: TestSuiteRecord) {
  let best = suite.testCases[0];
  for (const tc of suite.testCases) if (best && tc.sampleCount > best.sampleCount) best = tc;
  return best;
}

/** Memoised reads shared by one answer: suite versions and each run's first configuration. */
export class SummaryReader {
  private readonly suites = new Map<number, TestSuiteRecord>();
  private readonly value;
  private readonly configuration;

  constructor(private readonly db: DB) {
    this.value = db.$client
      .prepare<[number, string, string, number], [string]>(
        `SELECT value_json FROM test_case_metric_values
       WHERE test_run_id = ? AND configuration = ? AND name = ? AND test_case_version_id = ?`,
      )
      .raw();
    this.configuration = db.$client
      .prepare<[number], [string]>(
        `SELECT display_name FROM test_run_configurations WHERE test_run_id = ?
       ORDER BY created_at, display_name LIMIT 1`,
      )
      .raw();
  }

  suite(id: number): TestSuiteRecord {
    let suite = this.suites.get(id);
    if (!suite) this.suites.set(id, (suite = getTestSuiteVersion(this.db, id)));
    return suite;
  }

  /** The configuration whose numbers are shown: the run's first, as the results page opens on it. */
  configurationOf(runId: number): string {
    return this.configuration.get(runId)?.[0] ?? "";
  }

  /** A metric's value on a test case version, or null where the run has none (or it is not a number). */
  metricValue(runId: number, configuration: string, metric: string, testCaseId: number) {
    const row = this.value.get(runId, configuration, metric, testCaseId);
    if (!row) return null;
    const value = parseJson(row[0]);
    return typeof value === "number" ? value : null;
  }

  meanings(run: RunRow): Record<string, MetricMeaning> {
    return parseJson(run.metric_meanings_json) as Record<string, MetricMeaning>;
  }
}

/** Completed runs of these models, newest first. */
export function completedRuns(db: DB, modelIds: readonly number[]): RunRow[] {
  if (modelIds.length === 0) return [];
  return db.all<RunRow>(sql`
    SELECT id, model_id, test_suite_version_id, evaluator, metric_meanings_json, updated_at
    FROM test_runs WHERE model_id IN ${modelIds} AND status = 'completed'
    ORDER BY updated_at DESC, id DESC`);
}
