import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { startCheckpointer } from "./checkpointer";
import { closeDatabase, createTestDatabase, openDatabase } from "./client";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("startCheckpointer", () => {
  it("copies the WAL back into the database from its own thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "assay-ckpt-"));
    dirs.push(dir);
    const file = join(dir, "assay.db");
    const db = openDatabase(file);
    const checkpointer = await startCheckpointer(db, 20);
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const insert = db.$client.prepare(
      "INSERT INTO workflows (name, test_sample_type, schema_json, created_at, updated_at) VALUES (?, 'T', ?, 0, 0)",
    );
    db.$client.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`w${i}`, "x".repeat(500));
    })();
    const before = statSync(file).size;
    // The worker's ticks move the committed pages into the database file.
    for (let i = 0; i < 100 && statSync(file).size === before; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statSync(file).size).toBeGreaterThan(before);
    await checkpointer.stop();
    expect(db.$client.prepare("SELECT count(*) FROM workflows").pluck().get()).toBe(2000);
    closeDatabase(db);
  });

  it("does nothing for an in-memory store", async () => {
    const db = createTestDatabase();
    const checkpointer = await startCheckpointer(db);
    // No WAL to copy: the connection keeps SQLite's own setting.
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await checkpointer.stop();
    closeDatabase(db);
  });
});
