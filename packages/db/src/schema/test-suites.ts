import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

import { createdAt, updatedAt } from "./columns";
import { testCaseVersions } from "./test-cases";
import { workflows } from "./workflows";

/** A test suite. Its description and tags are not versioned (as in Kolena); its list of test cases is. */
export const testSuites = sqliteTable("test_suites", {
  id: integer().primaryKey(),
  name: text().notNull().unique(),
  workflowId: integer()
    .notNull()
    .references(() => workflows.id),
  description: text().notNull().default(""),
  latestVersion: integer().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const testSuiteTags = sqliteTable(
  "test_suite_tags",
  {
    testSuiteId: integer()
      .notNull()
      .references(() => testSuites.id, { onDelete: "cascade" }),
    tag: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.testSuiteId, t.tag] }),
    index("test_suite_tags_by_tag").on(t.tag),
  ],
);

export const testSuiteVersions = sqliteTable(
  "test_suite_versions",
  {
    id: integer().primaryKey(),
    testSuiteId: integer()
      .notNull()
      .references(() => testSuites.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("test_suite_versions_by_number").on(t.testSuiteId, t.version)],
);

/** The exact test case versions of a suite version, in order. */
export const testSuiteMembers = sqliteTable(
  "test_suite_members",
  {
    testSuiteVersionId: integer()
      .notNull()
      .references(() => testSuiteVersions.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    testCaseVersionId: integer()
      .notNull()
      .references(() => testCaseVersions.id),
  },
  (t) => [
    primaryKey({ columns: [t.testSuiteVersionId, t.position] }),
    index("test_suite_members_by_test_case").on(t.testCaseVersionId),
  ],
);
