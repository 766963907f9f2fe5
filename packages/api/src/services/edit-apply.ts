import type { DB } from "@assay/db";
import { SqliteError } from "@assay/db";

import { incorrectUsage } from "../errors";
import type { PreparedEdit } from "./edit-prepare";
import { bytesOf, GROUND_TRUTH, hashOf, METADATA, SAMPLE, textOf } from "./edit-prepare";
import type { SampleWriter } from "./samples";

/** A test case held by an edit, with what applying changes to it needs. */
export interface HeldTestCase {
  testCaseId: number;
  name: string;
  baseVersion: number;
  /** Whether commit must look at each touched sample (an edit of a non-empty version without reset). */
  tracked: boolean;
  nextPosition: number;
}

interface MemberRow {
  id: number;
  added_version: number;
  position: number;
  ground_truth_json: string;
}

/**
 * Applies edit lines to the pending version (`baseVersion + 1`) of each held test case. Rows it adds carry that
 * version and rows it closes are marked removed at it, so readers of committed versions see none of it.
 */
export class EditApplier {
  private readonly findCurrent;
  private readonly insertMember;
  private readonly updateGroundTruth;
  private readonly closeMember;
  private readonly deleteMember;
  private readonly touch;

  constructor(
    db: DB,
    private readonly editId: string,
    private readonly held: Map<string, HeldTestCase>,
    private readonly writer: SampleWriter,
  ) {
    const sqlite = db.$client;
    this.findCurrent = sqlite.prepare<[number, number], MemberRow>(
      `SELECT id, added_version, position, ground_truth_json FROM test_case_members
       WHERE test_case_id = ? AND sample_id = ? AND removed_version IS NULL`,
    );
    this.insertMember = sqlite.prepare<[number, number, number, string | Buffer, number]>(
      `INSERT INTO test_case_members (test_case_id, sample_id, position, ground_truth_json, added_version)
       VALUES (?, ?, ?, CAST(? AS TEXT), ?)`,
    );
    this.updateGroundTruth = sqlite.prepare<[string, number]>(
      "UPDATE test_case_members SET ground_truth_json = ? WHERE id = ?",
    );
    this.closeMember = sqlite.prepare<[number, number]>(
      "UPDATE test_case_members SET removed_version = ? WHERE id = ?",
    );
    this.deleteMember = sqlite.prepare<[number]>("DELETE FROM test_case_members WHERE id = ?");
    this.touch = sqlite.prepare<[string, number, number]>(
      "INSERT OR IGNORE INTO test_case_edit_samples (edit_id, test_case_id, sample_id) VALUES (?, ?, ?)",
    );
  }

  /** Applies a prepared batch, line by line in order. */
  applyAll(prepared: PreparedEdit): void {
    for (let i = 0; i < prepared.count; i++) this.apply(prepared, i);
  }

  private apply(prepared: PreparedEdit, i: number): void {
    const target = this.resolve(prepared.testCases[i] ?? undefined, `lines[${i}]`);
    const pending = target.baseVersion + 1;
    const hash = hashOf(prepared, i);
    if (prepared.removes[i] === 0) {
      const sampleId = this.writer.writeCanonical(
        hash,
        bytesOf(prepared, i, SAMPLE),
        bytesOf(prepared, i, METADATA),
      );
      if (
        !target.tracked &&
        this.tryInsert(target, sampleId, bytesOf(prepared, i, GROUND_TRUTH), pending)
      )
        return;
      const groundTruth = textOf(prepared, i, GROUND_TRUTH);
      const current = this.findCurrent.get(target.testCaseId, sampleId);
      if (!current) {
        this.insertMember.run(
          target.testCaseId,
          sampleId,
          target.nextPosition++,
          groundTruth,
          pending,
        );
      } else if (current.added_version === pending) {
        // Added earlier in this edit: the last add wins.
        if (current.ground_truth_json !== groundTruth)
          this.updateGroundTruth.run(groundTruth, current.id);
      } else if (current.ground_truth_json !== groundTruth) {
        // An upsert keeps the sample's place; the old row stays visible to older versions.
        this.closeMember.run(pending, current.id);
        this.insertMember.run(target.testCaseId, sampleId, current.position, groundTruth, pending);
      }
      if (target.tracked) this.touch.run(this.editId, target.testCaseId, sampleId);
    } else {
      const sampleId = this.writer.lookupHash(hash);
      if (sampleId === undefined) return;
      const current = this.findCurrent.get(target.testCaseId, sampleId);
      if (current?.added_version === pending) this.deleteMember.run(current.id);
      else if (current) this.closeMember.run(pending, current.id);
      if (target.tracked) this.touch.run(this.editId, target.testCaseId, sampleId);
    }
  }

  /**
   * Adds a member without looking first, where the sample is most likely new to the test case (an empty or reset
   * base): the unique index on current members refuses a sample already there, which then takes the general path.
   */
  private tryInsert(
    target: HeldTestCase,
    sampleId: number,
    groundTruth: Buffer,
    pending: number,
  ): boolean {
    try {
      this.insertMember.run(target.testCaseId, sampleId, target.nextPosition, groundTruth, pending);
    } catch (error) {
      if (error instanceof SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE") return false;
      throw error;
    }
    target.nextPosition++;
    return true;
  }

  private resolve(name: string | undefined, root: string): HeldTestCase {
    if (name === undefined) {
      if (this.held.size === 1) return this.held.values().next().value as HeldTestCase;
      throw incorrectUsage(
        `${root}: this edit holds several test cases; say which with "testCase"`,
      );
    }
    const target = this.held.get(name);
    if (!target) throw incorrectUsage(`${root}: test case '${name}' is not part of this edit`);
    return target;
  }
}

interface SettledRow {
  id: number;
  position: number;
  ground_truth_json: string;
}

/**
 * Settles the samples an edit touched in one test case: an add and a removal of the same sample cancel, and an
 * upsert back to the old ground truth is undone. Returns whether anything changed and the new sample count.
 */
export function settleTouched(
  db: DB,
  editId: string,
  held: HeldTestCase,
  baseCount: number,
): { changed: boolean; sampleCount: number } {
  const sqlite = db.$client;
  const pending = held.baseVersion + 1;
  const touched = sqlite
    .prepare<[string, number], number>(
      "SELECT sample_id FROM test_case_edit_samples WHERE edit_id = ? AND test_case_id = ?",
    )
    .pluck()
    .all(editId, held.testCaseId);
  const closed = sqlite.prepare<[number, number, number], SettledRow>(
    `SELECT id, position, ground_truth_json FROM test_case_members
     WHERE test_case_id = ? AND sample_id = ? AND removed_version = ?`,
  );
  const added = sqlite.prepare<[number, number, number], SettledRow>(
    `SELECT id, position, ground_truth_json FROM test_case_members
     WHERE test_case_id = ? AND sample_id = ? AND added_version = ? AND removed_version IS NULL`,
  );
  const reopen = sqlite.prepare<[number]>(
    "UPDATE test_case_members SET removed_version = NULL WHERE id = ?",
  );
  const remove = sqlite.prepare<[number]>("DELETE FROM test_case_members WHERE id = ?");
  let changed = false;
  let sampleCount = baseCount;
  for (const sampleId of touched) {
    const before = closed.get(held.testCaseId, sampleId, pending);
    const after = added.get(held.testCaseId, sampleId, pending);
    if (before && after) {
      if (
        before.position === after.position &&
        before.ground_truth_json === after.ground_truth_json
      ) {
        remove.run(after.id);
        reopen.run(before.id);
      } else changed = true;
    } else if (before) {
      sampleCount--;
      changed = true;
    } else if (after) {
      sampleCount++;
      changed = true;
    }
  }
  return { changed, sampleCount };
}

/** Undoes an edit's pending rows in one test case. */
export function rollbackPending(db: DB, editId: string, held: HeldTestCase): void {
  const sqlite = db.$client;
  const pending = held.baseVersion + 1;
  if (held.tracked) {
    // Only the touched samples have pending rows; undo them one by one instead of scanning the test case.
    sqlite
      .prepare(
        `DELETE FROM test_case_members WHERE test_case_id = @testCase AND added_version = @pending AND sample_id IN
         (SELECT sample_id FROM test_case_edit_samples WHERE edit_id = @editId AND test_case_id = @testCase)`,
      )
      .run({ testCase: held.testCaseId, pending, editId });
    sqlite
      .prepare(
        `UPDATE test_case_members SET removed_version = NULL WHERE test_case_id = @testCase
         AND removed_version = @pending AND sample_id IN
         (SELECT sample_id FROM test_case_edit_samples WHERE edit_id = @editId AND test_case_id = @testCase)`,
      )
      .run({ testCase: held.testCaseId, pending, editId });
    return;
  }
  sqlite
    .prepare("DELETE FROM test_case_members WHERE test_case_id = ? AND added_version = ?")
    .run(held.testCaseId, pending);
  sqlite
    .prepare(
      "UPDATE test_case_members SET removed_version = NULL WHERE test_case_id = ? AND removed_version = ?",
    )
    .run(held.testCaseId, pending);
}

/** Whether the ordered list of (sample, ground truth) at the pending version differs from the base's. */
export function differsFromBase(db: DB, held: HeldTestCase): boolean {
  const base = held.baseVersion;
  const pending = base + 1;
  const visible = (version: number) =>
    `SELECT row_number() OVER (ORDER BY position) AS n, sample_id, ground_truth_json FROM test_case_members
     WHERE test_case_id = @testCase AND added_version <= ${version}
       AND (removed_version IS NULL OR removed_version > ${version})`;
  const differs = db.$client
    .prepare<[{ testCase: number }], number>(
      `WITH a AS (${visible(base)}), b AS (${visible(pending)})
       SELECT EXISTS (SELECT * FROM a EXCEPT SELECT * FROM b) OR EXISTS (SELECT * FROM b EXCEPT SELECT * FROM a)`,
    )
    .pluck()
    .get({ testCase: held.testCaseId });
  return differs === 1;
}
