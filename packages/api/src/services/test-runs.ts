import type { DB } from "@assay/db";
import {
  and,
  asc,
  eq,
  models,
  sql,
  testRunConfigurations,
  testRunEvaluations,
  testRuns,
  transaction,
} from "@assay/db";
import type { LinesPage, TestRunRecord } from "@assay/workflow/wire";
import {
  canonicalStringify,
  ConfigurationRecord,
  DescriptionInput,
  MetadataInput,
  MetricMeanings,
  NameInput,
  objectFromJson,
  parseJson,
} from "@assay/workflow/wire";
import { z } from "zod";

import { incorrectUsage, notFound, workflowMismatch } from "../errors";
import { modelRow } from "./models";
import { consolidateSampleColumns } from "./sample-columns";
import { linesPage, numericCursor } from "./pagination";
import { getTestSuiteVersion } from "./test-suites";
import { getWorkflow } from "./workflows";

type RunRow = typeof testRuns.$inferSelect;

export const CreateTestRunInput = z.object({
  modelId: z.int(),
  /** The test suite version. */
  testSuiteId: z.int(),
  /** The evaluator's display name, or null for none named. */
  evaluator: NameInput.min(1).nullable().default(null),
  configurations: z
    .array(
      ConfigurationRecord.extend({ displayName: NameInput.min(1), configuration: MetadataInput }),
    )
    .max(1000)
    .default([]),
  /** What the evaluator's test-case metrics mean; given, it replaces what the run had. */
  metricMeanings: MetricMeanings.optional(),
});

/**
 * Creates the run of (model, test suite version, evaluator), or returns the existing one; configurations
 * accumulate on it by display name (a configuration sent again replaces the stored one).
 */
export function createOrRetrieveTestRun(
  db: DB,
  raw: z.input<typeof CreateTestRunInput>,
): TestRunRecord {
  const input = CreateTestRunInput.parse(raw);
  const model = modelRow(db, input.modelId);
  const suite = getTestSuiteVersion(db, input.testSuiteId);
  if (getWorkflow(db, suite.workflow).id !== model.workflowId) {
    throw workflowMismatch(
      `model '${model.name}' and test suite '${suite.name}' belong to different workflows`,
    );
  }
  const names = input.configurations.map((c) => c.displayName);
  if (new Set(names).size !== names.length) {
    throw incorrectUsage("all configurations must have distinct display names");
  }
  return transaction(db, () => {
    const evaluator = input.evaluator ?? "";
    const metricMeaningsJson =
      input.metricMeanings === undefined ? undefined : canonicalStringify(input.metricMeanings);
    const insert = db
      .insert(testRuns)
      .values({ modelId: model.id, testSuiteVersionId: suite.id, evaluator, metricMeaningsJson });
    // Replaced only when given: a client that sends none (a plain function) keeps what was declared, and
    // retrieving a run does not write to it.
    (metricMeaningsJson === undefined
      ? insert.onConflictDoNothing()
      : insert.onConflictDoUpdate({
          target: [testRuns.modelId, testRuns.testSuiteVersionId, testRuns.evaluator],
          set: { metricMeaningsJson },
        })
    ).run();
    const run = db
      .select()
      .from(testRuns)
      .where(
        and(
          eq(testRuns.modelId, model.id),
          eq(testRuns.testSuiteVersionId, suite.id),
          eq(testRuns.evaluator, evaluator),
        ),
      )
      .get() as RunRow;
    for (const { displayName, configuration } of input.configurations) {
      const configurationJson = canonicalStringify(configuration);
      db.insert(testRunConfigurations)
        .values({ testRunId: run.id, displayName, configurationJson })
        .onConflictDoUpdate({
          target: [testRunConfigurations.testRunId, testRunConfigurations.displayName],
          set: { configurationJson },
        })
        .run();
    }
    return toRecord(db, run);
  });
}

/** The run of (model, test suite version, evaluator), or null: reading results must not create one. */
export function findTestRun(
  db: DB,
  input: { modelId: number; testSuiteId: number; evaluator?: string | null | undefined },
): TestRunRecord | null {
  const row = db
    .select()
    .from(testRuns)
    .where(
      and(
        eq(testRuns.modelId, input.modelId),
        eq(testRuns.testSuiteVersionId, input.testSuiteId),
        eq(testRuns.evaluator, input.evaluator ?? ""),
      ),
    )
    .get();
  return row ? toRecord(db, row) : null;
}

export function getTestRun(db: DB, id: number): TestRunRecord {
  return toRecord(db, runRow(db, id));
}

export function runRow(db: DB, id: number): RunRow {
  const row = db.select().from(testRuns).where(eq(testRuns.id, id)).get();
  if (!row) throw notFound(`test run ${id} not found`);
  return row;
}

/** The runs on one test suite version, with their models' names (the results page's choices). */
export function listRunsOfSuite(
  db: DB,
  input: { testSuiteId: number },
): (TestRunRecord & { modelName: string })[] {
  return db
    .select({ run: testRuns, modelName: models.name })
    .from(testRuns)
    .innerJoin(models, eq(models.id, testRuns.modelId))
    .where(eq(testRuns.testSuiteVersionId, input.testSuiteId))
    .orderBy(asc(models.name), asc(testRuns.id))
    .all()
    .map(({ run, modelName }) => ({ ...toRecord(db, run), modelName }));
}

/** Each model's newest run on a suite version (of one evaluator, when one is named): run ids by model id. */
export function latestRunsOf(
  db: DB,
  input: { testSuiteId: number; modelIds: readonly number[]; evaluator?: string | undefined },
): Map<number, number> {
  if (input.modelIds.length === 0) return new Map();
  const rows = db.all<{ model_id: number; id: number }>(sql`
    SELECT model_id, max(id) AS id FROM test_runs
    WHERE test_suite_version_id = ${input.testSuiteId} AND model_id IN ${input.modelIds}
      ${input.evaluator === undefined ? sql`` : sql`AND evaluator = ${input.evaluator}`}
    GROUP BY model_id`);
  return new Map(rows.map((row) => [row.model_id, row.id]));
}

/** Runs of a model, newest first (the model page lists them). */
export function listTestRuns(db: DB, input: { modelId: number }): TestRunRecord[] {
  return db
    .select()
    .from(testRuns)
    .where(eq(testRuns.modelId, input.modelId))
    .orderBy(asc(testRuns.id))
    .all()
    .reverse()
    .map((row) => toRecord(db, row));
}

export const RunStatusInput = z.object({
  testRunId: z.int(),
  status: z.enum(["running", "completed", "crashed"]).optional(),
  progress: z.number().min(0).max(1).optional(),
  message: DescriptionInput.optional(),
  /** Configurations now evaluated over the run's inferences ("" for none). */
  evaluated: z.array(z.string()).max(1000).optional(),
});

/** Progress, completion, or a crash (`status: "crashed"`, with the error as `message`). */
export function updateTestRunStatus(db: DB, raw: z.input<typeof RunStatusInput>): TestRunRecord {
  const input = RunStatusInput.parse(raw);
  runRow(db, input.testRunId);
  const changes: Partial<typeof testRuns.$inferInsert> = {};
  if (input.status !== undefined) changes.status = input.status;
  if (input.progress !== undefined) changes.progress = input.progress;
  if (input.message !== undefined) changes.message = input.message;
  if (input.status === "completed") changes.progress = 1;
  return transaction(db, () => {
    if (Object.keys(changes).length > 0) {
      db.update(testRuns).set(changes).where(eq(testRuns.id, input.testRunId)).run();
    }
    for (const configuration of input.evaluated ?? []) {
      // Evaluated: its samples' values, as comparisons read them, become one row per field.
      if (input.status === "completed")
        consolidateSampleColumns(db, input.testRunId, configuration);
      db.insert(testRunEvaluations)
        .values({ testRunId: input.testRunId, configuration })
        .onConflictDoUpdate({
          target: [testRunEvaluations.testRunId, testRunEvaluations.configuration],
          set: { evaluatedAt: new Date() },
        })
        .run();
    }
    return getTestRun(db, input.testRunId);
  });
}

export const RemainingInput = z.object({
  testRunId: z.int(),
  /** Every sample of the suite, not only those the model has no inference for (`reset`). */
  all: z.boolean().default(false),
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(10_000).default(1000),
});

/**
 * The samples of the run's suite version, each once however many test cases hold it, that the model has no
 * inference for: lines `{"id","metadata","testSample"}`, by sample id.
 */
export function remainingSamples(db: DB, raw: z.input<typeof RemainingInput>): LinesPage {
  const input = RemainingInput.parse(raw);
  const run = runRow(db, input.testRunId);
  const workflowId = modelRow(db, run.modelId).workflowId;
  const after = numericCursor(input.cursor, 0);
  // Walk samples by id from the cursor (the unary + keeps SQLite off the identity index, which would make it
  // scan and sort the whole workflow for every page): each page costs its own length, not the workflow's. The
  // inference check comes first: it is one seek, and when the model has them all (a test() run again) the
  // membership check, several seeks, is never made.
  const rows = db.$client
    .prepare<
      [number, number, number, number, number, number],
      { id: number; sample_json: string; metadata_json: string }
    >(
      `SELECT s.id, s.sample_json, s.metadata_json FROM test_samples s
       WHERE +s.workflow_id = ? AND s.id > ?
         AND (? OR NOT EXISTS (SELECT 1 FROM inferences i WHERE i.model_id = ? AND i.sample_id = s.id))
         AND EXISTS (
           SELECT 1 FROM test_suite_members sm
           JOIN test_case_versions v ON v.id = sm.test_case_version_id
           JOIN test_case_members m ON m.sample_id = s.id AND m.test_case_id = v.test_case_id
           WHERE sm.test_suite_version_id = ? AND m.added_version <= v.version
             AND (m.removed_version IS NULL OR m.removed_version > v.version))
       ORDER BY s.id LIMIT ?`,
    )
    .all(
      workflowId,
      after,
      input.all ? 1 : 0,
      run.modelId,
      run.testSuiteVersionId,
      input.limit + 1,
    );
  return linesPage(
    rows,
    input.limit,
    (row) =>
      objectFromJson([
        ["id", row.id],
        ["metadata", row.metadata_json],
        ["testSample", row.sample_json],
      ]),
    (row) => [row.id],
  );
}

function toRecord(db: DB, run: RunRow): TestRunRecord {
  const configurations = db
    .select()
    .from(testRunConfigurations)
    .where(eq(testRunConfigurations.testRunId, run.id))
    .orderBy(asc(testRunConfigurations.createdAt), asc(testRunConfigurations.displayName))
    .all()
    .map((row) => ({
      displayName: row.displayName,
      configuration: parseJson(row.configurationJson) as Record<string, never>,
    }));
  const evaluated = db
    .select({ configuration: testRunEvaluations.configuration })
    .from(testRunEvaluations)
    .where(eq(testRunEvaluations.testRunId, run.id))
    .orderBy(asc(testRunEvaluations.configuration))
    .all()
    .map((row) => row.configuration);
  return {
    id: run.id,
    modelId: run.modelId,
    testSuiteId: run.testSuiteVersionId,
    evaluator: run.evaluator === "" ? null : run.evaluator,
    configurations,
    evaluated,
    metricMeanings: parseJson(run.metricMeaningsJson) as TestRunRecord["metricMeanings"],
    status: run.status,
    progress: run.progress,
    message: run.message,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}
