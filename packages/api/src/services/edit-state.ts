/**
 * What the store says about an edit in progress: its row, the test cases it holds and where they stand. Read by
 * every step of an edit (`test-case-edits.ts`), written by none.
 */
import type { DB } from "@assay/db";
import { asc, eq, sql, testCaseEditEntries, testCaseEdits, testCases } from "@assay/db";

import { notFound } from "../errors";
import type { HeldTestCase } from "./edit-apply";

/** The edit's row, or undefined once it committed, was aborted or was abandoned. */
export function findEdit(db: DB, editId: string) {
  return db.select().from(testCaseEdits).where(eq(testCaseEdits.id, editId)).get();
}

export function getEdit(db: DB, editId: string) {
  const edit = findEdit(db, editId);
  if (!edit)
    throw notFound(
      `edit ${editId} not found: it was committed, aborted, abandoned, or ended by a restart of the server; ` +
        "nothing of it that was not committed is stored: make the edit again",
    );
  return edit;
}

/** The test cases an edit holds, in the order it named them. */
export function entriesOf(db: DB, editId: string) {
  return db
    .select({
      testCaseId: testCaseEditEntries.testCaseId,
      name: testCases.name,
      baseVersion: testCaseEditEntries.baseVersion,
      created: testCaseEditEntries.created,
      reset: testCaseEditEntries.reset,
      description: testCaseEditEntries.description,
      sampleCount: testCaseEditEntries.sampleCount,
      nextPosition: testCases.nextPosition,
    })
    .from(testCaseEditEntries)
    .innerJoin(testCases, eq(testCases.id, testCaseEditEntries.testCaseId))
    .where(eq(testCaseEditEntries.editId, editId))
    .orderBy(asc(sql`${testCaseEditEntries}.rowid`))
    .all();
}

/** The held test cases by name, as the edit applier works on them. */
export function heldTestCases(db: DB, editId: string): Map<string, HeldTestCase> {
  return new Map(
    entriesOf(db, editId).map((entry) => [
      entry.name,
      {
        testCaseId: entry.testCaseId,
        name: entry.name,
        baseVersion: entry.baseVersion,
        tracked: !entry.created && !entry.reset && entry.sampleCount > 0,
        nextPosition: entry.nextPosition,
      },
    ]),
  );
}

/** A test case family's row, by id. */
export function testCaseRow(db: DB, id: number) {
  const row = db.select().from(testCases).where(eq(testCases.id, id)).get();
  if (!row) throw notFound(`test case ${id} not found`);
  return row;
}

/** How many samples a test case has now, pending changes included. */
export function countCurrent(db: DB, testCaseId: number): number {
  return db.$client
    .prepare<[number], number>(
      "SELECT count(*) FROM test_case_members WHERE test_case_id = ? AND removed_version IS NULL",
    )
    .pluck()
    .get(testCaseId) as number;
}
