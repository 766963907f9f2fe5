import type { DB } from "@assay/db";
import { eq, sql, testSuites } from "@assay/db";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { z } from "zod";

import { notFound } from "../errors";
import { listTestSuiteVersions } from "./test-suites";

const TestCaseRef = z.object({ id: z.int(), name: z.string(), version: z.int() });

export const SuiteVersionSummary = z.object({
  /** The test suite version's id. */
  id: z.int(),
  version: z.int(),
  /**
   * Distinct samples across the version's test cases: test cases often share samples (a "first half" inside
   * "all"), so the sum of their sizes overstates what the suite holds.
   */
  sampleCount: z.int(),
  /** What changed from the version before (the first version is compared with an empty suite). */
  diff: z.object({
    added: z.array(TestCaseRef),
    removed: z.array(TestCaseRef),
    changed: z.array(
      z.object({
        name: z.string(),
        id: z.int(),
        fromVersion: z.int(),
        toVersion: z.int(),
        samplesAdded: z.int(),
        samplesRemoved: z.int(),
      }),
    ),
  }),
});
export type SuiteVersionSummary = z.output<typeof SuiteVersionSummary>;

/** The samples of a test case version: members are intervals of versions (see `testCaseMembers`). */
const membersOf = (testCaseVersionId: number) => sql`
  SELECT m.sample_id FROM test_case_members m
  JOIN test_case_versions v ON v.test_case_id = m.test_case_id
  WHERE v.id = ${testCaseVersionId} AND m.added_version <= v.version
    AND (m.removed_version IS NULL OR m.removed_version > v.version)`;

/** Each version of a test suite with its distinct sample count and its diff from the version before. */
export function suiteHistory(db: DB, testSuiteId: number): SuiteVersionSummary[] {
  const exists = db
    .select({ id: testSuites.id })
    .from(testSuites)
    .where(eq(testSuites.id, testSuiteId))
    .get();
  if (!exists) throw notFound(`test suite ${testSuiteId} not found`);
  const versions = listTestSuiteVersions(db, testSuiteId);
  let previous: TestCaseRecord[] = [];
  return versions.map((suite) => {
    const summary: SuiteVersionSummary = {
      id: suite.id,
      version: suite.version,
      sampleCount: distinctSamples(
        db,
        suite.testCases.map((tc) => tc.id),
      ),
      diff: diff(db, previous, suite.testCases),
    };
    previous = suite.testCases;
    return summary;
  });
}

export function distinctSamples(db: DB, testCaseVersionIds: readonly number[]): number {
  if (testCaseVersionIds.length === 0) return 0;
  const row = db.get<{ n: number }>(sql`
    SELECT count(DISTINCT m.sample_id) AS n FROM test_case_members m
    JOIN test_case_versions v ON v.test_case_id = m.test_case_id
    WHERE v.id IN ${testCaseVersionIds} AND m.added_version <= v.version
      AND (m.removed_version IS NULL OR m.removed_version > v.version)`);
  return row.n;
}

/** Distinct samples of each of these suite versions (the suites list), by suite version id; absent ids are left out. */
export function suiteSampleCounts(
  db: DB,
  testSuiteVersionIds: readonly number[],
): { id: number; sampleCount: number }[] {
  if (testSuiteVersionIds.length === 0) return [];
  const rows = db.all<{ id: number; n: number }>(sql`
    SELECT s.id AS id, count(DISTINCT m.sample_id) AS n FROM test_suite_versions s
    LEFT JOIN test_suite_members sm ON sm.test_suite_version_id = s.id
    LEFT JOIN test_case_versions v ON v.id = sm.test_case_version_id
    LEFT JOIN test_case_members m ON m.test_case_id = v.test_case_id AND m.added_version <= v.version
      AND (m.removed_version IS NULL OR m.removed_version > v.version)
    WHERE s.id IN ${testSuiteVersionIds}
    GROUP BY s.id`);
  return rows.map((row) => ({ id: row.id, sampleCount: row.n }));
}

function diff(
  db: DB,
  before: readonly TestCaseRecord[],
  after: readonly TestCaseRecord[],
): SuiteVersionSummary["diff"] {
  // A suite holds one version of each test case name, so names pair the versions up.
  const old = new Map(before.map((tc) => [tc.name, tc]));
  const now = new Set(after.map((tc) => tc.name));
  const ref = (tc: TestCaseRecord) => ({ id: tc.id, name: tc.name, version: tc.version });
  const changed: SuiteVersionSummary["diff"]["changed"] = [];
  for (const tc of after) {
    const was = old.get(tc.name);
    if (!was || was.id === tc.id) continue;
    changed.push({
      name: tc.name,
      id: tc.id,
      fromVersion: was.version,
      toVersion: tc.version,
      samplesAdded: onlyIn(db, tc.id, was.id),
      samplesRemoved: onlyIn(db, was.id, tc.id),
    });
  }
  return {
    added: after.filter((tc) => !old.has(tc.name)).map(ref),
    removed: before.filter((tc) => !now.has(tc.name)).map(ref),
    changed,
  };
}

/** Samples in test case version `a` and not in `b`. */
function onlyIn(db: DB, a: number, b: number): number {
  return db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (${membersOf(a)} EXCEPT ${membersOf(b)})`,
  ).n;
}
