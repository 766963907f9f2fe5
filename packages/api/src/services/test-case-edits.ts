import { randomUUID } from "node:crypto";

import type { DB } from "@assay/db";
import {
  and,
  eq,
  gte,
  isNull,
  lt,
  testCaseEditCommits,
  testCaseEditEntries,
  testCaseEdits,
  testCaseMembers,
  testCases,
  transaction,
} from "@assay/db";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { DescriptionInput, entityName, NameInput } from "@assay/workflow/wire";
import { z } from "zod";

import { editInProgress, incorrectUsage, notFound, staleVersion } from "../errors";
import type { HeldTestCase } from "./edit-apply";
import { differsFromBase, EditApplier, rollbackPending, settleTouched } from "./edit-apply";
import type { PreparedEdit } from "./edit-prepare";
import { countCurrent, entriesOf, getEdit, heldTestCases, testCaseRow } from "./edit-state";
import { SampleWriter } from "./samples";
import {
  getTestCaseByVersion,
  getTestCaseVersions,
  insertTestCase,
  insertVersion,
} from "./test-cases";
import type { WorkflowRow } from "./workflows";
import { checkWorkflow, getWorkflow, getWorkflowById } from "./workflows";

/** How long a committed edit's answer is kept for a client that asks again (its response was lost). */
const COMMIT_MEMORY_MS = 24 * 60 * 60_000;

/** An edit nobody has added to for this long is abandoned: the next edit of its test cases aborts it. */
export const EDIT_IDLE_TIMEOUT_MS = 10 * 60_000;

export const EditEntryInput = z.object({
  name: NameInput,
  /** Create the test case; its name must be free. */
  create: z.boolean().default(false),
  /** The version this edit starts from; if the test case has moved on, the edit is stale. */
  baseVersion: z.int().min(0).optional(),
  /** Start from an empty test case instead of the base version's samples. */
  reset: z.boolean().default(false),
  description: DescriptionInput.optional(),
});

export const BeginEditInput = z.object({
  workflow: z.string(),
  entries: z.array(EditEntryInput).min(1).max(10_000),
});

export interface BegunEdit {
  editId: string;
  testCases: { name: string; testCaseId: number; baseVersion: number }[];
}

/**
 * Starts an edit of one or more test cases (several for `initMany`, which must be atomic). Changes then arrive
 * in batches (`appendEdit`) and take effect together at `commitEdit`; until then no reader sees them.
 */
export function beginEdit(db: DB, raw: z.input<typeof BeginEditInput>): BegunEdit {
  const input = BeginEditInput.parse(raw);
  const names = input.entries.map((entry) => entityName(entry.name, "entries.name"));
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined)
    throw incorrectUsage(`Multiple edits to the same test case: '${duplicate}'`);
  const workflow = getWorkflow(db, input.workflow);
  return transaction(db, () => {
    const editId = randomUUID();
    db.insert(testCaseEdits).values({ id: editId }).run();
    const held = input.entries.map((entry, i) => {
      const name = names[i] as string;
      if (entry.create) {
        releaseUnborn(db, name);
        const row = insertTestCase(db, name, workflow.id, -1);
        insertVersion(db, row.id, 0, entry.description ?? "", 0);
        db.insert(testCaseEditEntries)
          .values({ editId, testCaseId: row.id, baseVersion: 0, created: true, sampleCount: 0 })
          .run();
        return { name, testCaseId: row.id, baseVersion: 0 };
      }
      const row = db
        .select()
        .from(testCases)
        .where(and(eq(testCases.name, name), gte(testCases.latestVersion, 0)))
        .get();
      if (!row) throw notFound(`no test case named '${name}'`);
      checkWorkflow(getWorkflowById(db, row.workflowId), input.workflow, `test case '${name}'`);
      if (entry.baseVersion !== undefined && entry.baseVersion !== row.latestVersion) {
        throw staleVersion(
          `test case '${name}' is at version ${row.latestVersion}, not ${entry.baseVersion}: load it again and redo the edit`,
        );
      }
      releaseAbandoned(db, row.id, name);
      const base = getTestCaseByVersion(db, row.id, row.latestVersion);
      db.insert(testCaseEditEntries)
        .values({
          editId,
          testCaseId: row.id,
          baseVersion: base.version,
          reset: entry.reset,
          description: entry.description ?? null,
          sampleCount: base.sampleCount,
        })
        .run();
      if (entry.reset) {
        db.update(testCaseMembers)
          .set({ removedVersion: base.version + 1 })
          .where(
            and(eq(testCaseMembers.testCaseId, row.id), isNull(testCaseMembers.removedVersion)),
          )
          .run();
      }
      return { name, testCaseId: row.id, baseVersion: base.version };
    });
    return { editId, testCases: held };
  });
}

export const AppendEditInput = z.object({
  editId: z.string(),
  /** 0 for the first batch, then 1, 2, …: a batch sent again after a lost response is recognised and skipped. */
  seq: z.int().min(0),
  /** NDJSON of edit lines: `{"op":"add","testSample":…,"groundTruth":…}` or `{"op":"remove","testSample":…}`. */
  lines: z.string(),
});

/**
 * Applies one prepared batch (`seq`) of an edit, in one transaction: a bad line rejects the whole batch. A batch
 * sent again (its response was lost) is recognised by its `seq` and skipped; one ahead of its turn is refused.
 */
export function applyBatch(
  db: DB,
  editId: string,
  seq: number,
  prepared: PreparedEdit,
): { applied: boolean; count: number } {
  return transaction(db, () => applyInTransaction(db, editId, seq, prepared));
}

function applyInTransaction(
  db: DB,
  editId: string,
  seq: number,
  prepared: PreparedEdit,
): { applied: boolean; count: number } {
  const edit = getEdit(db, editId);
  if (seq < edit.nextSeq) return { applied: false, count: 0 };
  if (seq > edit.nextSeq)
    throw incorrectUsage(`batch ${seq} arrived before batch ${edit.nextSeq} of edit ${edit.id}`);
  const held = heldTestCases(db, edit.id);
  const first = held.values().next().value as HeldTestCase;
  const workflowId = testCaseRow(db, first.testCaseId).workflowId;
  new EditApplier(db, edit.id, held, new SampleWriter(db, workflowId)).applyAll(prepared);
  for (const testCase of held.values()) {
    db.update(testCases)
      .set({ nextPosition: testCase.nextPosition })
      .where(eq(testCases.id, testCase.testCaseId))
      .run();
  }
  db.update(testCaseEdits)
    .set({ nextSeq: seq + 1 })
    .where(eq(testCaseEdits.id, edit.id))
    .run();
  return { applied: true, count: prepared.count };
}

export function workflowOfEdit(db: DB, editId: string): WorkflowRow {
  const entry = db
    .select({ testCaseId: testCaseEditEntries.testCaseId })
    .from(testCaseEditEntries)
    .where(eq(testCaseEditEntries.editId, editId))
    .get();
  if (!entry) throw notFound(`edit ${editId} holds no test case`);
  return getWorkflowById(db, testCaseRow(db, entry.testCaseId).workflowId);
}

/**
 * Makes the edit's changes visible, in one transaction: each test case that changed gets a new version; one
 * that did not (its changes cancelled out, or there were none) keeps its version. Returns the test cases as
 * they now are, in the order the edit named them.
 */
export const CommitEditInput = z.object({
  editId: z.string(),
  /** New descriptions by test case name, when they were decided after the edit began. */
  descriptions: z.record(z.string(), DescriptionInput).optional(),
});

export function commitEdit(db: DB, raw: z.input<typeof CommitEditInput>): TestCaseRecord[] {
  const input = CommitEditInput.parse(raw);
  return transaction(db, () => {
    const committed = db
      .select()
      .from(testCaseEditCommits)
      .where(eq(testCaseEditCommits.editId, input.editId))
      .get();
    // Asked again after a lost response: the same answer, not "not found".
    if (committed) return getTestCaseVersions(db, JSON.parse(committed.versionIdsJson) as number[]);
    const edit = getEdit(db, input.editId);
    for (const [name, description] of Object.entries(input.descriptions ?? {})) {
      const target = db
        .select({ id: testCases.id })
        .from(testCases)
        .where(eq(testCases.name, name))
        .get();
      if (!target) throw incorrectUsage(`test case '${name}' is not part of this edit`);
      db.update(testCaseEditEntries)
        .set({ description })
        .where(
          and(
            eq(testCaseEditEntries.editId, edit.id),
            eq(testCaseEditEntries.testCaseId, target.id),
          ),
        )
        .run();
    }
    const entries = entriesOf(db, edit.id);
    const held = heldTestCases(db, edit.id);
    const records = entries.map((entry) => {
      const target = held.get(entry.name) as HeldTestCase;
      const pending = entry.baseVersion + 1;
      let changed: boolean;
      let sampleCount: number;
      if (target.tracked) {
        ({ changed, sampleCount } = settleTouched(db, edit.id, target, entry.sampleCount));
      } else {
        sampleCount = countCurrent(db, entry.testCaseId);
        changed = entry.reset ? differsFromBase(db, target) : sampleCount > 0;
      }
      const base = getTestCaseByVersion(db, entry.testCaseId, entry.baseVersion);
      const described =
        !entry.created && entry.description !== null && entry.description !== base.description;
      let version = entry.baseVersion;
      if (changed || described) {
        version = pending;
        insertVersion(
          db,
          entry.testCaseId,
          pending,
          entry.description ?? base.description,
          sampleCount,
        );
      } else {
        rollbackPending(db, edit.id, target);
      }
      db.update(testCases)
        .set({ latestVersion: version })
        .where(eq(testCases.id, entry.testCaseId))
        .run();
      return getTestCaseByVersion(db, entry.testCaseId, version);
    });
    db.delete(testCaseEdits).where(eq(testCaseEdits.id, edit.id)).run();
    db.delete(testCaseEditCommits)
      .where(lt(testCaseEditCommits.committedAt, new Date(Date.now() - COMMIT_MEMORY_MS)))
      .run();
    db.insert(testCaseEditCommits)
      .values({ editId: edit.id, versionIdsJson: JSON.stringify(records.map((r) => r.id)) })
      .run();
    return records;
  });
}

/** Drops an edit: its pending rows are removed and test cases it was creating disappear. */
export function abortEdit(db: DB, input: { editId: string }): void {
  transaction(db, () => {
    const edit = getEdit(db, input.editId);
    const held = heldTestCases(db, edit.id);
    for (const entry of entriesOf(db, edit.id)) {
      if (entry.created) db.delete(testCases).where(eq(testCases.id, entry.testCaseId)).run();
      else rollbackPending(db, edit.id, held.get(entry.name) as HeldTestCase);
    }
    db.delete(testCaseEdits).where(eq(testCaseEdits.id, edit.id)).run();
  });
}

/**
 * Aborts every edit still open: for a store that a server starts on alone (SQLite), those are edits whose server
 * stopped before their client committed, so nobody can finish them, and until aborted they hold their test cases
 * and their staged rows. Their clients' next batch is told the edit is gone. Returns how many were aborted.
 */
export function abortOpenEdits(db: DB): number {
  const open = db.select({ id: testCaseEdits.id }).from(testCaseEdits).all();
  for (const { id } of open) abortEdit(db, { editId: id });
  return open.length;
}

export const EditInput = BeginEditInput.extend({ lines: z.string().default("") });

/** A whole edit in one transaction: begin, one prepared batch, commit. */
export function editInOneTransaction(
  db: DB,
  input: z.output<typeof EditInput>,
  prepared: PreparedEdit,
): TestCaseRecord[] {
  return transaction(db, () => {
    const { editId } = beginEdit(db, input);
    applyInTransaction(db, editId, 0, prepared);
    return commitEdit(db, { editId });
  });
}

/**
 * A test case that an uncommitted edit is creating holds its name: released once that edit is abandoned (its client
 * gave up, e.g. after the server was down longer than its retries), else the name stays taken.
 */
export function releaseUnborn(db: DB, name: string): void {
  const unborn = db
    .select({ id: testCases.id })
    .from(testCases)
    .where(and(eq(testCases.name, name), lt(testCases.latestVersion, 0)))
    .get();
  if (unborn) releaseAbandoned(db, unborn.id, name);
}

/** Another client's edit holds the test case: abort it if it was abandoned, else refuse. */
function releaseAbandoned(db: DB, testCaseId: number, name: string): void {
  const holder = db
    .select({ edit: testCaseEdits })
    .from(testCaseEditEntries)
    .innerJoin(testCaseEdits, eq(testCaseEdits.id, testCaseEditEntries.editId))
    .where(eq(testCaseEditEntries.testCaseId, testCaseId))
    .get();
  if (!holder) return;
  if (Date.now() - holder.edit.updatedAt.getTime() > EDIT_IDLE_TIMEOUT_MS) {
    abortEdit(db, { editId: holder.edit.id });
    return;
  }
  throw editInProgress(
    `test case '${name}' is being edited by another client; try again when that edit ends`,
  );
}
