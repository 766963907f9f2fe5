/**
 * `assay-server backup`: a copy of a store that a running server may be writing to, checked before it is kept.
 */
import { existsSync, renameSync, rmSync, statSync } from "node:fs";

import { closeDatabase, openDatabase } from "@assay/db";

import type { Sqlite } from "./store";
import {
  checkIntegrity,
  migrationHashes,
  mustExist,
  removeJournals,
  tempFileBeside,
} from "./store";

export interface BackupSummary {
  bytes: number;
  tables: number;
  migrations: number;
}

/**
 * Copies the store at `file` to `to` with SQLite's online backup, then checks the copy. The copy is made beside
 * `to` and renamed onto it only once checked, so `to` is never a half-written or corrupt file.
 */
export async function backupStore(
  file: string,
  to: string,
  options: { force?: boolean } = {},
): Promise<BackupSummary> {
  mustExist(file, "store");
  if (existsSync(to) && !options.force) throw new Error(`${to} exists; pass --force to replace it`);
  const temp = tempFileBeside(to, "backup");
  // Not migrated: a backup must copy the store as it is.
  const db = openDatabase(file, { migrate: false });
  try {
    await copyOnline(db.$client, temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    closeDatabase(db);
  }
  try {
    standalone(temp);
    const summary = verify(temp, to);
    removeJournals(to);
    renameSync(temp, to);
    return summary;
  } catch (error) {
    rmSync(temp, { force: true });
    removeJournals(temp);
    throw error;
  }
}

/**
 * SQLite's backup restarts from the first page whenever another connection (the server) writes to the source,
 * so copying a hundred pages at a time would never finish under steady writes. After its first step (which only
 * sizes the copy) it is asked for every remaining page at once: one step reads one snapshot, and in WAL mode the
 * server's writers are not blocked meanwhile.
 */
export async function copyOnline(sqlite: Sqlite, to: string): Promise<void> {
  await sqlite.backup(to, { progress: () => 0x7fffffff });
}

/**
 * The copy keeps the source's WAL mode; in rollback mode it is one self-contained file, and opening it read-only
 * (to check it, or to restore from it) leaves no -wal and -shm files beside it.
 */
function standalone(file: string): void {
  const db = openDatabase(file, { migrate: false });
  try {
    db.$client.pragma("journal_mode = DELETE");
  } finally {
    closeDatabase(db);
  }
}

function verify(file: string, shownAs: string): BackupSummary {
  const db = openDatabase(file, { readonly: true });
  try {
    const sqlite = db.$client;
    checkIntegrity(sqlite, shownAs);
    const migrations = migrationHashes(sqlite).length;
    if (migrations === 0) throw new Error(`the copy of the store has no Assay migrations table`);
    const tables = sqlite
      .prepare(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      )
      .pluck()
      .get() as number;
    return { bytes: statSync(file).size, tables, migrations };
  } finally {
    closeDatabase(db);
  }
}
