import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import Database from "better-sqlite3";
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from "drizzle-kit/api";
import { afterEach, describe, expect, it } from "vitest";

import type { DB } from "./client";
import { closeDatabase, createTestDatabase, openDatabase } from "./client";
import * as schema from "./schema";

const opened: DB[] = [];
const track = (db: DB) => (opened.push(db), db);
afterEach(() => opened.splice(0).forEach(closeDatabase));

describe("migrations", () => {
  it("produce exactly the schema when applied to an empty database", async () => {
    // The schema's DDL, generated afresh from the TypeScript definitions...
    const fresh = new Database(":memory:");
    for (const statement of await schemaStatements()) fresh.exec(withTableOptions(statement));
    for (const trigger of schema.AUDIT_LOG_TRIGGERS) fresh.exec(trigger);
    // ...must build the same tables and indexes as the committed migrations do.
    const migrated = track(createTestDatabase()).$client;
    expect(describeSchema(migrated)).toEqual(describeSchema(fresh));
    fresh.close();
  });

  it("create every table the schema declares", () => {
    const db = track(createTestDatabase());
    const tables = db.$client
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'",
      )
      .pluck()
      .all();
    expect(tables.sort()).toEqual(
      [
        "api_tokens",
        "audit_log",
        "inferences",
        "jobs",
        "model_tags",
        "models",
        "sample_metric_columns",
        "sample_metrics",
        "sessions",
        "test_case_edit_commits",
        "test_case_edit_entries",
        "test_case_edit_samples",
        "test_case_edits",
        "test_case_members",
        "test_case_metric_values",
        "test_case_metrics",
        "test_case_plots",
        "test_case_versions",
        "test_cases",
        "test_run_configurations",
        "test_run_evaluations",
        "test_runs",
        "test_samples",
        "test_suite_members",
        "test_suite_metrics",
        "test_suite_tags",
        "test_suite_versions",
        "test_suites",
        "workflows",
      ].sort(),
    );
  });
});

/**
 * The DDL that creates the schema from nothing. drizzle-kit's declarations import types the package does not
 * ship, so the linter cannot resolve them; the values are plain snapshots and SQL strings.
 */
/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access */
async function schemaStatements(): Promise<string[]> {
  const empty = await generateSQLiteDrizzleJson({});
  const current = await generateSQLiteDrizzleJson(schema, empty.id, "snake_case");
  return generateSQLiteMigration(empty, current);
}
/* eslint-enable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access */

/**
 * Tables whose migration declares them WITHOUT ROWID, which drizzle's schema cannot express (see
 * `testCaseMetricValues`). Any other difference between the schema and the migrations still fails the test.
 */
const withoutRowid = new Set(["test_case_metric_values", "sample_metric_columns"]);

function withTableOptions(statement: string): string {
  const table = /^CREATE TABLE `([^`]+)`/.exec(statement)?.[1];
  return table && withoutRowid.has(table)
    ? statement.replace(/;?\s*$/, " WITHOUT ROWID;")
    : statement;
}

/** Every table and index, with its normalised DDL, leaving out drizzle's own bookkeeping. */
function describeSchema(sqlite: Database.Database): string[] {
  return sqlite
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '%drizzle%' AND sql IS NOT NULL",
    )
    .all()
    .map((row) => {
      const { type, name, sql } = row as { type: string; name: string; sql: string };
      return `${type} ${name}: ${sql.replace(/\s+/g, " ")}`;
    })
    .sort();
}

describe("openDatabase", () => {
  it("turns on WAL and foreign keys, and is idempotent across restarts", () => {
    const dir = mkdtempSync(join(tmpdir(), "assay-db-"));
    try {
      const file = join(dir, "assay.db");
      const first = track(openDatabase(file));
      expect(first.$client.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(first.$client.pragma("foreign_keys", { simple: true })).toBe(1);
      first.$client
        .prepare(
          "INSERT INTO workflows (name, test_sample_type, schema_json, created_at, updated_at) VALUES ('w', 'T', '{}', 0, 0)",
        )
        .run();
      closeDatabase(first);
      const second = track(openDatabase(file));
      expect(second.$client.prepare("SELECT count(*) FROM workflows").pluck().get()).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the audit log append-only", () => {
    const sqlite = track(createTestDatabase()).$client;
    sqlite
      .prepare("INSERT INTO audit_log (at, actor, via, action) VALUES (0, 'a', 'cli', 'x')")
      .run();
    expect(() => sqlite.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(sqlite.prepare("SELECT actor FROM audit_log").pluck().all()).toEqual(["a"]);
  });

  it("enforces foreign keys", () => {
    const db = track(createTestDatabase());
    expect(() =>
      db.$client
        .prepare(
          "INSERT INTO models (name, workflow_id, created_at, updated_at) VALUES ('m', 999, 0, 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
