import type { DB } from "@assay/db";
import {
  and,
  asc,
  eq,
  gte,
  inArray,
  SqliteError,
  sql,
  testCases,
  testCaseVersions,
  transaction,
  workflows,
} from "@assay/db";
import type { LinesPage, TestCaseRecord } from "@assay/workflow/wire";
import { InputValidationError } from "@assay/workflow";
import { DescriptionInput, entityName, NameInput, objectFromJson } from "@assay/workflow/wire";
import { z } from "zod";

import { nameConflict, notFound } from "../errors";
import { JsonFilter, jsonCondition, jsonPath } from "./json-filter";
import { encodeCursor, linesPage, numericCursor, pageLength } from "./pagination";
import { checkWorkflow, getWorkflow } from "./workflows";

export type TestCaseRow = typeof testCases.$inferSelect;

/** Creates a test case at version 0, empty. */
export function createTestCase(
  db: DB,
  input: { name: string; workflow: string; description?: string | undefined },
): TestCaseRecord {
  const name = entityName(input.name);
  const workflow = getWorkflow(db, input.workflow);
  return transaction(db, () => {
    const row = insertTestCase(db, name, workflow.id, 0);
    insertVersion(db, row.id, 0, input.description ?? "", 0);
    return getTestCaseByVersion(db, row.id, 0);
  });
}

/** Inserts a test case family; `latestVersion` -1 keeps it hidden until an edit creating it commits. */
export function insertTestCase(
  db: DB,
  name: string,
  workflowId: number,
  latestVersion: number,
): TestCaseRow {
  try {
    return db.insert(testCases).values({ name, workflowId, latestVersion }).returning().get();
  } catch (error) {
    if (error instanceof SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE") {
      throw nameConflict(`a test case named '${name}' already exists`);
    }
    throw error;
  }
}

export function insertVersion(
  db: DB,
  testCaseId: number,
  version: number,
  description: string,
  sampleCount: number,
) {
  db.insert(testCaseVersions).values({ testCaseId, version, description, sampleCount }).run();
}

/** Loads a test case by name: its latest version, or the version asked for. */
export function loadTestCase(
  db: DB,
  input: { name: string; version?: number | undefined; workflow?: string | undefined },
): TestCaseRecord {
  const row = db
    .select({ testCase: testCases, workflow: workflows })
    .from(testCases)
    .innerJoin(workflows, eq(workflows.id, testCases.workflowId))
    .where(and(eq(testCases.name, input.name), gte(testCases.latestVersion, 0)))
    .get();
  if (!row) throw notFound(`no test case named '${input.name}'`);
  checkWorkflow(row.workflow, input.workflow, `test case '${input.name}'`);
  const version = input.version ?? row.testCase.latestVersion;
  if (version > row.testCase.latestVersion || version < 0) {
    throw notFound(
      `test case '${input.name}' has no version ${version} (latest is ${row.testCase.latestVersion})`,
    );
  }
  return getTestCaseByVersion(db, row.testCase.id, version);
}

const recordColumns = {
  id: testCaseVersions.id,
  testCaseId: testCases.id,
  name: testCases.name,
  workflow: workflows.name,
  version: testCaseVersions.version,
  description: testCaseVersions.description,
  sampleCount: testCaseVersions.sampleCount,
  createdAt: testCaseVersions.createdAt,
};

function selectRecords(db: DB) {
  return db
    .select(recordColumns)
    .from(testCaseVersions)
    .innerJoin(testCases, eq(testCases.id, testCaseVersions.testCaseId))
    .innerJoin(workflows, eq(workflows.id, testCases.workflowId));
}

export function getTestCaseByVersion(db: DB, testCaseId: number, version: number): TestCaseRecord {
  const record = selectRecords(db)
    .where(and(eq(testCaseVersions.testCaseId, testCaseId), eq(testCaseVersions.version, version)))
    .get();
  if (!record) throw notFound(`test case ${testCaseId} has no version ${version}`);
  return record;
}

/** Test case versions by id, in the order given, in one query per 10,000 (a suite's whole list). */
export function getTestCaseVersions(db: DB, ids: readonly number[]): TestCaseRecord[] {
  const byId = new Map<number, TestCaseRecord>();
  for (let start = 0; start < ids.length; start += 10_000) {
    const chunk = ids.slice(start, start + 10_000);
    for (const record of selectRecords(db).where(inArray(testCaseVersions.id, chunk)).all())
      byId.set(record.id, record);
  }
  return ids.map((id) => {
    const record = byId.get(id);
    if (!record) throw notFound(`test case version ${id} not found`);
    return record;
  });
}

/** A test case version by its id (the id test suites and runs refer to). */
export function getTestCaseVersion(db: DB, id: number): TestCaseRecord {
  const record = selectRecords(db).where(eq(testCaseVersions.id, id)).get();
  if (!record) throw notFound(`test case version ${id} not found`);
  return record;
}

export function listTestCaseVersions(db: DB, testCaseId: number): TestCaseRecord[] {
  return selectRecords(db)
    .where(eq(testCaseVersions.testCaseId, testCaseId))
    .orderBy(asc(testCaseVersions.version))
    .all();
}

export const ListTestCasesInput = z.object({
  workflow: z.string().optional(),
  search: z.string().max(200).optional(),
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(1000).default(100),
});

/** Test cases at their latest versions, in creation order. */
export function listTestCases(db: DB, raw: z.input<typeof ListTestCasesInput>) {
  const input = ListTestCasesInput.parse(raw);
  const after = numericCursor(input.cursor, 0);
  const conditions = [gte(testCases.latestVersion, 0), sql`${testCases.id} > ${after}`];
  if (input.workflow !== undefined)
    conditions.push(eq(testCases.workflowId, getWorkflow(db, input.workflow).id));
  if (input.search)
    conditions.push(sql`instr(lower(${testCases.name}), lower(${input.search})) > 0`);
  const rows = selectRecords(db)
    .where(and(eq(testCaseVersions.version, testCases.latestVersion), ...conditions))
    .orderBy(asc(testCases.id))
    .limit(input.limit + 1)
    .all();
  const length = pageLength(rows, input.limit, (row) => row.name.length + row.description.length);
  const items = rows.slice(0, length);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > length && last ? encodeCursor([last.testCaseId]) : null,
  };
}

/** Where a filter looks: sample fields, metadata, the ground truth, a model's inference, or a run's metrics. */
export const SampleFilter = JsonFilter.extend({
  target: z.enum(["testSample", "metadata", "groundTruth", "inference", "metrics"]),
  /** For `inference`: whose. */
  modelId: z.int().optional(),
  /** For `metrics`: which run and configuration ("" for none). */
  testRunId: z.int().optional(),
  configuration: z.string().optional(),
});
export type SampleFilter = z.output<typeof SampleFilter>;

export const SamplesInput = z.object({
  /** The test case version. */
  testCaseId: z.int(),
  filters: z.array(SampleFilter).max(20).default([]),
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(10_000).default(1000),
});

/** SQL for "member row `m` belongs to version `version`". */
export const visibleAt = (version: number) =>
  sql`m.added_version <= ${version} AND (m.removed_version IS NULL OR m.removed_version > ${version})`;

/**
 * A page of a test case version's samples in membership order, as NDJSON lines
 * `{"groundTruth","id","metadata","testSample"}` assembled from the stored canonical text (no row is parsed).
 */
export function testCaseSamples(db: DB, raw: z.input<typeof SamplesInput>): LinesPage {
  const input = SamplesInput.parse(raw);
  const record = getTestCaseVersion(db, input.testCaseId);
  const after = numericCursor(input.cursor, -1);
  const filters = input.filters.map((filter) => sampleFilterCondition(filter, record.id));
  const rows = db.all<{
    position: number;
    id: number;
    sample: string;
    metadata: string;
    gt: string;
  }>(sql`
    SELECT m.position AS position, s.id AS id, s.sample_json AS sample, s.metadata_json AS metadata,
           m.ground_truth_json AS gt
    FROM test_case_members m JOIN test_samples s ON s.id = m.sample_id
    WHERE m.test_case_id = ${record.testCaseId} AND m.position > ${after} AND ${visibleAt(record.version)}
      ${filters.length > 0 ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}
    ORDER BY m.position LIMIT ${input.limit + 1}`);
  return linesPage(
    rows,
    input.limit,
    (row) =>
      objectFromJson([
        ["groundTruth", row.gt],
        ["id", row.id],
        ["metadata", row.metadata],
        ["testSample", row.sample],
      ]),
    (row) => [row.position],
  );
}

export const SampleStatsInput = z.object({
  testCaseId: z.int(),
  filters: z.array(SampleFilter).max(20).default([]),
  /** A numeric per-sample metric to add up over the matching samples (e.g. `countFN`: "8 FN on 6 samples"). */
  sumOf: z
    .object({ testRunId: z.int(), configuration: z.string(), path: JsonFilter.shape.path })
    .optional(),
});

/**
 * How many of a version's samples match filters, and optionally a per-sample metric's sum over them: what a
 * drill-down claims, counted by the database rather than by the pages the browser happened to load.
 */
export function testCaseSampleStats(
  db: DB,
  raw: z.input<typeof SampleStatsInput>,
): { count: number; sum: number | null } {
  const input = SampleStatsInput.parse(raw);
  const record = getTestCaseVersion(db, input.testCaseId);
  const filters = input.filters.map((filter) => sampleFilterCondition(filter, record.id));
  const where = sql`m.test_case_id = ${record.testCaseId} AND ${visibleAt(record.version)}
      ${filters.length > 0 ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}`;
  const sumOf = input.sumOf;
  const sum = sumOf
    ? sql`(SELECT total(json_extract(x.metrics_json, ${jsonPath(sumOf.path)})) FROM sample_metrics x
        WHERE x.test_run_id = ${sumOf.testRunId} AND x.configuration = ${sumOf.configuration}
          AND x.sample_id = m.sample_id
          AND (x.test_case_version_id IS NULL OR x.test_case_version_id = ${record.id})
          AND json_type(x.metrics_json, ${jsonPath(sumOf.path)}) IN ('integer', 'real'))`
    : sql`NULL`;
  const row = db.get<{ count: number; sum: number | null }>(sql`
    SELECT count(*) AS count, ${sumOf ? sql`total(${sum})` : sql`NULL`} AS sum
    FROM test_case_members m JOIN test_samples s ON s.id = m.sample_id
    WHERE ${where}`);
  return { count: row?.count ?? 0, sum: row?.sum ?? null };
}

function sampleFilterCondition(filter: SampleFilter, testCaseVersionId: number) {
  switch (filter.target) {
    case "testSample":
      return jsonCondition(sql`s.sample_json`, filter);
    case "metadata":
      return jsonCondition(sql`s.metadata_json`, filter);
    case "groundTruth":
      return jsonCondition(sql`m.ground_truth_json`, filter);
    case "inference":
      if (filter.modelId === undefined) {
        throw new InputValidationError({
          path: "filters",
          reason: "an inference filter needs a modelId",
        });
      }
      return sql`EXISTS (SELECT 1 FROM inferences i WHERE i.model_id = ${filter.modelId} AND i.sample_id = m.sample_id
        AND ${jsonCondition(sql`i.inference_json`, filter)})`;
    case "metrics":
      if (filter.testRunId === undefined) {
        throw new InputValidationError({
          path: "filters",
          reason: "a metrics filter needs a testRunId",
        });
      }
      return sql`EXISTS (SELECT 1 FROM sample_metrics x WHERE x.test_run_id = ${filter.testRunId}
        AND x.configuration = ${filter.configuration ?? ""} AND x.sample_id = m.sample_id
        AND (x.test_case_version_id IS NULL OR x.test_case_version_id = ${testCaseVersionId})
        AND ${jsonCondition(sql`x.metrics_json`, filter)})`;
  }
}

export const FromSamplesInput = z.object({
  name: NameInput,
  description: DescriptionInput.optional(),
  /** The test case version the samples (and their ground truths) come from. */
  sourceTestCaseId: z.int(),
  sampleIds: z.array(z.int()).min(1).max(100_000),
});

/**
 * Makes a new test case from a selection of another one's samples (the gallery's "new test case from
 * selection"), with their ground truths, in the source's order. Copied on the server: nothing travels.
 */
export function createFromSamples(db: DB, raw: z.input<typeof FromSamplesInput>): TestCaseRecord {
  const input = FromSamplesInput.parse(raw);
  const name = entityName(input.name);
  const source = getTestCaseVersion(db, input.sourceTestCaseId);
  const workflow = getWorkflow(db, source.workflow);
  return transaction(db, () => {
    const row = insertTestCase(db, name, workflow.id, 1);
    insertVersion(db, row.id, 0, input.description ?? "", 0);
    const wanted = new Set(input.sampleIds);
    const members = db
      .all<{ sample_id: number; ground_truth_json: string }>(
        sql`SELECT m.sample_id, m.ground_truth_json FROM test_case_members m
            WHERE m.test_case_id = ${source.testCaseId} AND ${visibleAt(source.version)} ORDER BY m.position`,
      )
      .filter((member) => wanted.has(member.sample_id));
    if (members.length !== wanted.size) {
      throw new InputValidationError({
        path: "sampleIds",
        reason: `some samples are not in test case '${source.name}' v${source.version}`,
      });
    }
    const insert = db.$client.prepare<[number, number, number, string]>(
      "INSERT INTO test_case_members (test_case_id, sample_id, position, ground_truth_json, added_version) VALUES (?, ?, ?, ?, 1)",
    );
    members.forEach((member, position) =>
      insert.run(row.id, member.sample_id, position, member.ground_truth_json),
    );
    db.update(testCases)
      .set({ nextPosition: members.length })
      .where(eq(testCases.id, row.id))
      .run();
    insertVersion(db, row.id, 1, input.description ?? "", members.length);
    return getTestCaseByVersion(db, row.id, 1);
  });
}
