import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

import { createdAt, updatedAt } from "./columns";
import { testSamples } from "./samples";
import { workflows } from "./workflows";

/** A test case across its versions. `latestVersion` is -1 while an edit that creates it is pending. */
export const testCases = sqliteTable("test_cases", {
  id: integer().primaryKey(),
  name: text().notNull().unique(),
  workflowId: integer()
    .notNull()
    .references(() => workflows.id),
  latestVersion: integer().notNull(),
  /** Positions only grow, so a sample added later (or removed and added again) sorts after the others. */
  nextPosition: integer().notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One immutable version; its id is what test suites and test runs refer to. */
export const testCaseVersions = sqliteTable(
  "test_case_versions",
  {
    id: integer().primaryKey(),
    testCaseId: integer()
      .notNull()
      .references(() => testCases.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    description: text().notNull().default(""),
    sampleCount: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("test_case_versions_by_number").on(t.testCaseId, t.version)],
);

/**
 * Membership as intervals of versions: a row belongs to every version v with
 * `addedVersion <= v < removedVersion` (or no upper bound while `removedVersion` is null). An edit writes only
 * the rows it changes, so a one-sample edit of a million-sample test case writes one row.
 */
export const testCaseMembers = sqliteTable(
  "test_case_members",
  {
    id: integer().primaryKey(),
    testCaseId: integer()
      .notNull()
      .references(() => testCases.id, { onDelete: "cascade" }),
    sampleId: integer()
      .notNull()
      .references(() => testSamples.id),
    position: integer().notNull(),
    groundTruthJson: text().notNull(),
    addedVersion: integer().notNull(),
    removedVersion: integer(),
  },
  (t) => [
    index("test_case_members_by_position").on(t.testCaseId, t.position),
    uniqueIndex("test_case_members_current")
      .on(t.testCaseId, t.sampleId)
      .where(sql`removed_version IS NULL`),
    index("test_case_members_by_sample").on(t.sampleId, t.testCaseId),
  ],
);

/**
 * An edit in progress: batches of changes are applied to the next version of each test case, which no reader
 * sees until the edit commits. At most one edit holds a test case at a time.
 */
export const testCaseEdits = sqliteTable("test_case_edits", {
  id: text().primaryKey(),
  /** The sequence number the next batch must carry; a repeated batch is recognised and skipped. */
  nextSeq: integer().notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const testCaseEditEntries = sqliteTable(
  "test_case_edit_entries",
  {
    editId: text()
      .notNull()
      .references(() => testCaseEdits.id, { onDelete: "cascade" }),
    testCaseId: integer()
      .notNull()
      .references(() => testCases.id, { onDelete: "cascade" }),
    /** The version the edit started from (0 when the edit creates the test case). */
    baseVersion: integer().notNull(),
    /** Whether the edit creates the test case: until it commits, nobody else sees it. */
    created: integer({ mode: "boolean" }).notNull().default(false),
    reset: integer({ mode: "boolean" }).notNull().default(false),
    /** The new description, or null to keep the current one. */
    description: text(),
    /** The sample count of the base version. */
    sampleCount: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.editId, t.testCaseId] }),
    uniqueIndex("test_case_edit_entries_one_edit").on(t.testCaseId),
  ],
);

/** The samples an edit touched, so committing it costs in proportion to the edit, not to the test case. */
export const testCaseEditSamples = sqliteTable(
  "test_case_edit_samples",
  {
    editId: text()
      .notNull()
      .references(() => testCaseEdits.id, { onDelete: "cascade" }),
    testCaseId: integer().notNull(),
    sampleId: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.editId, t.testCaseId, t.sampleId] })],
);

/**
 * Edits that committed, with the versions they produced, kept a day: a client whose commit response was lost (the
 * server restarted, the connection dropped) asks again and gets the same versions instead of "not found".
 */
export const testCaseEditCommits = sqliteTable("test_case_edit_commits", {
  editId: text().primaryKey(),
  /** The ids of the test case versions the commit answered with, in its order (JSON array). */
  versionIdsJson: text().notNull(),
  committedAt: createdAt(),
});
