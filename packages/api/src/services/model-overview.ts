import type { DB } from "@assay/db";
import { ModelRecord, TestRunRecord } from "@assay/workflow/wire";
import { z } from "zod";

import type { RunRow } from "./model-summaries";
import {
  completedRuns,
  Headline,
  headlineMetrics,
  representativeTestCase,
  SummaryReader,
} from "./model-summaries";
import type { ListModelsInput } from "./models";
import { getModel, listModels } from "./models";
import { listTestRuns } from "./test-runs";

/** Where a number was measured, so the page can say it and link to the results behind it. */
const Measured = z.object({
  /** The test suite version's id. */
  testSuiteVersionId: z.int(),
  testSuiteId: z.int(),
  testSuite: z.string(),
  suiteVersion: z.int(),
  evaluator: z.string().nullable(),
  configuration: z.string(),
  testCase: z.object({ id: z.int(), name: z.string() }).nullable(),
});

export const ModelTableRow = ModelRecord.extend({
  /** When the model's newest completed test run last changed; null when never tested. */
  lastTestedAt: z.date().nullable(),
  /** The newest completed run's headline metric (see `headlineMetrics`). */
  headline: Headline.extend(Measured.shape).nullable(),
});

/**
 * The models page in one request: a page of `model.list` with each model's last test and headline metric, read
 * for the whole page at once (one query for the runs, one indexed lookup per shown value).
 */
export function modelTable(db: DB, input: z.input<typeof ListModelsInput>) {
  const page = listModels(db, input);
  const reader = new SummaryReader(db);
  const newest = new Map<number, RunRow>();
  for (const run of completedRuns(
    db,
    page.items.map((model) => model.id),
  )) {
    if (!newest.has(run.model_id)) newest.set(run.model_id, run);
  }
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((model): z.output<typeof ModelTableRow> => {
      const run = newest.get(model.id);
      if (!run) return { ...model, lastTestedAt: null, headline: null };
      const where = measured(reader, run);
      const [first] = measuredHeadlines(reader, run, where, 1);
      return {
        ...model,
        lastTestedAt: new Date(run.updated_at),
        headline: first ? { ...first.shown, ...where } : null,
      };
    }),
  };
}

export const ModelSummary = z.object({
  /** One entry per test suite the model was tested on, most recently tested first. */
  suites: z.array(
    Measured.extend({
      updatedAt: z.date(),
      /** The newest suite version's headline metrics, each with its values on every version tested. */
      metrics: z.array(
        Headline.extend({
          trend: z.array(z.object({ suiteVersion: z.int(), value: z.number().nullable() })),
        }),
      ),
    }),
  ),
  /** Every run of the model (any status), newest first, with its suite's name: no request per row. */
  runs: z.array(
    TestRunRecord.extend({ testSuite: z.string(), suiteVersion: z.int(), suiteId: z.int() }),
  ),
});

const METRICS_PER_SUITE = 4;

/** A model's latest results per test suite and their trend across the suite's versions. */
export function modelSummary(db: DB, modelId: number): z.output<typeof ModelSummary> {
  getModel(db, modelId); // an unknown model is a 404, not an empty summary
  const reader = new SummaryReader(db);
  const bySuite = new Map<number, RunRow[]>();
  for (const run of completedRuns(db, [modelId])) {
    const suiteId = reader.suite(run.test_suite_version_id).testSuiteId;
    bySuite.set(suiteId, [...(bySuite.get(suiteId) ?? []), run]);
  }
  const suites = [...bySuite.values()].map((runs) => {
    // The newest suite version tested is "latest"; runs are newest first, so the first one per version wins.
    const version = (run: RunRow) => reader.suite(run.test_suite_version_id).version;
    const latest = runs.reduce((best, run) => (version(run) > version(best) ? run : best));
    const where = measured(reader, latest);
    const sameEvaluator = runs.filter((run) => run.evaluator === latest.evaluator);
    const perVersion = new Map<number, RunRow>();
    for (const run of sameEvaluator)
      if (!perVersion.has(version(run))) perVersion.set(version(run), run);
    const history = [...perVersion.entries()].sort(([a], [b]) => a - b);
    return {
      ...where,
      updatedAt: new Date(Math.max(...runs.map((run) => run.updated_at))),
      metrics: measuredHeadlines(reader, latest, where, METRICS_PER_SUITE).map(
        ({ metric, shown }) => ({
          ...shown,
          trend: history.map(([suiteVersion, run]) => ({
            suiteVersion,
            value: headline(reader, run, measured(reader, run), metric).value,
          })),
        }),
      ),
    };
  });
  suites.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const runs = listTestRuns(db, { modelId }).map((run) => {
    const suite = reader.suite(run.testSuiteId);
    return {
      ...run,
      testSuite: suite.name,
      suiteVersion: suite.version,
      suiteId: suite.testSuiteId,
    };
  });
  return { suites, runs };
}

/**
 * The run's first `limit` headline metrics that it has a number for: an evaluator declares meanings for optional
 * metrics (AUC needs scores, F1 a positive class) that a given run may not have, and "–" is no headline.
 */
function measuredHeadlines(
  reader: SummaryReader,
  run: RunRow,
  where: z.output<typeof Measured>,
  limit: number,
) {
  return headlineMetrics(reader.meanings(run))
    .map((metric) => ({ metric, shown: headline(reader, run, where, metric) }))
    .filter(({ shown }) => shown.value !== null)
    .slice(0, limit);
}

function measured(reader: SummaryReader, run: RunRow): z.output<typeof Measured> {
  const suite = reader.suite(run.test_suite_version_id);
  const testCase = representativeTestCase(suite);
  return {
    testSuiteVersionId: suite.id,
    testSuiteId: suite.testSuiteId,
    testSuite: suite.name,
    suiteVersion: suite.version,
    evaluator: run.evaluator === "" ? null : run.evaluator,
    configuration: reader.configurationOf(run.id),
    testCase: testCase ? { id: testCase.id, name: testCase.name } : null,
  };
}

function headline(
  reader: SummaryReader,
  run: RunRow,
  where: z.output<typeof Measured>,
  metric: ReturnType<typeof headlineMetrics>[number],
): Headline {
  return {
    metric: metric.name,
    displayName: metric.meaning.displayName ?? metric.name,
    higherIsBetter: metric.meaning.higherIsBetter ?? null,
    value: where.testCase
      ? reader.metricValue(run.id, where.configuration, metric.name, where.testCase.id)
      : null,
  };
}
