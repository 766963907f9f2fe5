import type { DB } from "@assay/db";
import {
  and,
  asc,
  eq,
  inArray,
  sql,
  SqliteError,
  testSuiteMembers,
  testSuites,
  testSuiteTags,
  testSuiteVersions,
  transaction,
  workflows,
} from "@assay/db";
import type { TestCaseRecord, TestSuiteRecord } from "@assay/workflow/wire";
import { DescriptionInput, entityName, TagsInput } from "@assay/workflow/wire";
import { z } from "zod";

import { incorrectUsage, nameConflict, notFound, staleVersion, workflowMismatch } from "../errors";
import { encodeCursor, numericCursor, pageLength } from "./pagination";
import { getTestCaseVersions } from "./test-cases";
import { checkWorkflow, getWorkflow, getWorkflowById } from "./workflows";

type SuiteRow = typeof testSuites.$inferSelect;

export interface CreateTestSuiteInput {
  name: string;
  workflow: string;
  description?: string | undefined;
  tags?: readonly string[] | undefined;
}

/** Creates a test suite at version 0 with no test cases. */
export function createTestSuite(db: DB, input: CreateTestSuiteInput): TestSuiteRecord {
  const name = entityName(input.name);
  const workflow = getWorkflow(db, input.workflow);
  return transaction(db, () => {
    let row: SuiteRow;
    try {
      row = db
        .insert(testSuites)
        .values({
          name,
          workflowId: workflow.id,
          description: input.description ?? "",
          latestVersion: 0,
        })
        .returning()
        .get();
    } catch (error) {
      if (error instanceof SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE") {
        throw nameConflict(`a test suite named '${name}' already exists`);
      }
      throw error;
    }
    db.insert(testSuiteVersions).values({ testSuiteId: row.id, version: 0 }).run();
    replaceTags(db, row.id, input.tags ?? []);
    return suiteRecord(db, row.id, 0);
  });
}

export function loadTestSuite(
  db: DB,
  input: { name: string; version?: number | undefined; workflow?: string | undefined },
): TestSuiteRecord {
  const row = db
    .select({ suite: testSuites, workflow: workflows })
    .from(testSuites)
    .innerJoin(workflows, eq(workflows.id, testSuites.workflowId))
    .where(eq(testSuites.name, input.name))
    .get();
  if (!row) throw notFound(`no test suite named '${input.name}'`);
  checkWorkflow(row.workflow, input.workflow, `test suite '${input.name}'`);
  const version = input.version ?? row.suite.latestVersion;
  if (version < 0 || version > row.suite.latestVersion) {
    throw notFound(
      `test suite '${input.name}' has no version ${version} (latest is ${row.suite.latestVersion})`,
    );
  }
  return suiteRecord(db, row.suite.id, version);
}

/** A test suite version by its id. */
export function getTestSuiteVersion(db: DB, id: number): TestSuiteRecord {
  const row = db.select().from(testSuiteVersions).where(eq(testSuiteVersions.id, id)).get();
  if (!row) throw notFound(`test suite version ${id} not found`);
  return suiteRecord(db, row.testSuiteId, row.version);
}

/** Every version, oldest first; an unknown suite is a 404 (every suite has at least its version 0). */
export function listTestSuiteVersions(db: DB, testSuiteId: number): TestSuiteRecord[] {
  const versions = db
    .select({ version: testSuiteVersions.version })
    .from(testSuiteVersions)
    .where(eq(testSuiteVersions.testSuiteId, testSuiteId))
    .orderBy(asc(testSuiteVersions.version))
    .all();
  if (versions.length === 0) throw notFound(`test suite ${testSuiteId} not found`);
  return versions.map(({ version }) => suiteRecord(db, testSuiteId, version));
}

export const ListTestSuitesInput = z.object({
  workflow: z.string().optional(),
  /** Suites whose tags include all of these. */
  tags: z.array(z.string()).max(50).optional(),
  search: z.string().max(200).optional(),
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(1000).default(100),
});

/** Latest versions, in creation order (`loadAll`). */
export function listTestSuites(db: DB, raw: z.input<typeof ListTestSuitesInput>) {
  const input = ListTestSuitesInput.parse(raw);
  const conditions = [sql`${testSuites.id} > ${numericCursor(input.cursor, 0)}`];
  if (input.workflow !== undefined)
    conditions.push(eq(testSuites.workflowId, getWorkflow(db, input.workflow).id));
  if (input.search)
    conditions.push(sql`instr(lower(${testSuites.name}), lower(${input.search})) > 0`);
  for (const tag of new Set(input.tags ?? [])) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${testSuiteTags} WHERE ${testSuiteTags.testSuiteId} = ${testSuites.id} AND ${testSuiteTags.tag} = ${tag})`,
    );
  }
  const rows = db
    .select({ id: testSuites.id, version: testSuites.latestVersion })
    .from(testSuites)
    .where(and(...conditions))
    .orderBy(asc(testSuites.id))
    .limit(input.limit + 1)
    .all();
  const records = rows.slice(0, input.limit).map((row) => suiteRecord(db, row.id, row.version));
  const length = pageLength(records, input.limit, (record) => JSON.stringify(record).length);
  const last = rows[length - 1];
  return {
    items: records.slice(0, length),
    nextCursor: rows.length > length && last ? encodeCursor([last.id]) : null,
  };
}

export const EditTestSuiteInput = z.object({
  testSuiteId: z.int(),
  /** The version the edit starts from; a suite that has moved on makes the edit stale. */
  baseVersion: z.int().min(0),
  description: DescriptionInput.optional(),
  tags: TagsInput.optional(),
  /** The complete new list of test case versions (by id), in order. */
  testCaseIds: z.array(z.int()).max(100_000).optional(),
});

/**
 * Edits a test suite. Only a changed list of test case versions makes a new version; description and tags are
 * not versioned and change in place (Kolena's rule). A suite holds one version of each test case.
 */
export function editTestSuite(db: DB, raw: z.input<typeof EditTestSuiteInput>): TestSuiteRecord {
  const input = EditTestSuiteInput.parse(raw);
  return transaction(db, () => {
    const suite = db.select().from(testSuites).where(eq(testSuites.id, input.testSuiteId)).get();
    if (!suite) throw notFound(`test suite ${input.testSuiteId} not found`);
    if (suite.latestVersion !== input.baseVersion) {
      throw staleVersion(
        `test suite '${suite.name}' is at version ${suite.latestVersion}, not ${input.baseVersion}: load it again and redo the edit`,
      );
    }
    if (input.description !== undefined && input.description !== suite.description) {
      db.update(testSuites)
        .set({ description: input.description })
        .where(eq(testSuites.id, suite.id))
        .run();
    }
    if (input.tags !== undefined) replaceTags(db, suite.id, input.tags);
    let version = suite.latestVersion;
    if (input.testCaseIds !== undefined) {
      const current = memberIds(db, suite.id, version);
      const next = input.testCaseIds;
      if (next.length !== current.length || next.some((id, i) => id !== current[i])) {
        checkTestCases(db, suite.workflowId, next);
        version += 1;
        const row = db
          .insert(testSuiteVersions)
          .values({ testSuiteId: suite.id, version })
          .returning()
          .get();
        if (next.length > 0) {
          db.insert(testSuiteMembers)
            .values(
              next.map((testCaseVersionId, position) => ({
                testSuiteVersionId: row.id,
                position,
                testCaseVersionId,
              })),
            )
            .run();
        }
        db.update(testSuites)
          .set({ latestVersion: version })
          .where(eq(testSuites.id, suite.id))
          .run();
      }
    }
    return suiteRecord(db, suite.id, version);
  });
}

function checkTestCases(db: DB, workflowId: number, ids: readonly number[]): void {
  const seen = new Set<string>();
  const workflow = getWorkflowById(db, workflowId).name;
  for (const record of getTestCaseVersions(db, ids)) {
    if (record.workflow !== workflow) {
      throw workflowMismatch(`test case '${record.name}' belongs to workflow '${record.workflow}'`);
    }
    if (seen.has(record.name)) {
      throw incorrectUsage(
        `a test suite holds one version of each test case; '${record.name}' appears twice`,
      );
    }
    seen.add(record.name);
  }
}

function memberIds(db: DB, testSuiteId: number, version: number): number[] {
  return db
    .select({ id: testSuiteMembers.testCaseVersionId })
    .from(testSuiteMembers)
    .innerJoin(testSuiteVersions, eq(testSuiteVersions.id, testSuiteMembers.testSuiteVersionId))
    .where(
      and(eq(testSuiteVersions.testSuiteId, testSuiteId), eq(testSuiteVersions.version, version)),
    )
    .orderBy(asc(testSuiteMembers.position))
    .all()
    .map((row) => row.id);
}

function replaceTags(db: DB, testSuiteId: number, tags: readonly string[]): void {
  db.delete(testSuiteTags).where(eq(testSuiteTags.testSuiteId, testSuiteId)).run();
  const unique = [...new Set(tags.map((tag) => entityName(tag, "tags")))];
  if (unique.length > 0)
    db.insert(testSuiteTags)
      .values(unique.map((tag) => ({ testSuiteId, tag })))
      .run();
}

function suiteRecord(db: DB, testSuiteId: number, version: number): TestSuiteRecord {
  const row = db
    .select({ suite: testSuites, workflow: workflows.name, versionRow: testSuiteVersions })
    .from(testSuites)
    .innerJoin(workflows, eq(workflows.id, testSuites.workflowId))
    .innerJoin(
      testSuiteVersions,
      and(eq(testSuiteVersions.testSuiteId, testSuites.id), eq(testSuiteVersions.version, version)),
    )
    .where(eq(testSuites.id, testSuiteId))
    .get();
  if (!row) throw notFound(`test suite ${testSuiteId} has no version ${version}`);
  const ids = memberIds(db, testSuiteId, version);
  const testCases: TestCaseRecord[] = getTestCaseVersions(db, ids);
  const tags = db
    .select({ tag: testSuiteTags.tag })
    .from(testSuiteTags)
    .where(inArray(testSuiteTags.testSuiteId, [testSuiteId]))
    .orderBy(asc(testSuiteTags.tag))
    .all()
    .map((tag) => tag.tag);
  return {
    id: row.versionRow.id,
    testSuiteId,
    name: row.suite.name,
    workflow: row.workflow,
    version,
    description: row.suite.description,
    tags,
    testCases,
    createdAt: row.versionRow.createdAt,
  };
}
