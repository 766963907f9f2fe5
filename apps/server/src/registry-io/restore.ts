/**
 * `assay-server restore`: a backup put in place of a store, checked first, swapped in atomically, then brought up to
 * this build's schema.
 */
import { existsSync, renameSync, rmSync, statSync } from "node:fs";

import type { DB } from "@assay/db";
import { closeDatabase, openDatabase, SqliteError } from "@assay/db";

import { copyOnline } from "./backup";
import {
  buildMigrationHashes,
  checkIntegrity,
  migrationHashes,
  mustExist,
  removeJournals,
  tempFileBeside,
} from "./store";

export interface RestoreSummary {
  bytes: number;
  /** Migrations of this build that the backup did not have yet, applied after the restore. */
  migrated: number;
}

export async function restoreStore(
  from: string,
  target: string,
  options: { force?: boolean } = {},
): Promise<RestoreSummary> {
  mustExist(from, "backup");
  const hashes = checkBackup(from);
  if (existsSync(target)) {
    if (!options.force) throw new Error(`${target} exists; pass --force to replace it`);
    refuseIfInUse(target);
  }
  const temp = tempFileBeside(target, "restore");
  try {
    // Copied with SQLite's backup rather than as bytes: a backup left in WAL mode keeps recent pages in its
    // -wal file, which a byte copy of the main file would lose.
    const source = openDatabase(from, { readonly: true });
    try {
      await copyOnline(source.$client, temp);
    } finally {
      closeDatabase(source);
    }
    removeJournals(target);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    removeJournals(temp);
    throw error;
  }
  const db = openDatabase(target);
  const migrated = migrationHashes(db.$client).length - hashes.length;
  closeDatabase(db);
  return { bytes: statSync(target).size, migrated };
}

/** Throws unless `file` is an intact Assay store whose migrations this build knows; returns its migrations. */
function checkBackup(file: string): string[] {
  let db: DB;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (error) {
    throw new Error(`${file} is not an SQLite database (${(error as Error).message})`, {
      cause: error,
    });
  }
  try {
    checkIntegrity(db.$client, file);
    const hashes = migrationHashes(db.$client);
    if (hashes.length === 0)
      throw new Error(`${file} is not an Assay store: it has no migrations table`);
    const known = buildMigrationHashes();
    const unknown = hashes.filter((hash) => !known.includes(hash));
    if (unknown.length > 0) {
      throw new Error(
        `${file} was made by a newer Assay (${unknown.length} migrations this one does not have): upgrade first`,
      );
    }
    return hashes;
  } finally {
    closeDatabase(db);
  }
}

/**
 * A server keeps its store open in WAL mode, holding a shared lock on the WAL index even while idle, so a plain
 * `BEGIN EXCLUSIVE` (which in WAL mode only waits for writers) would not see it. Exclusive locking mode takes
 * the whole file, and fails at once while any other connection has it open.
 */
function refuseIfInUse(target: string): void {
  let db: DB | undefined;
  try {
    db = openDatabase(target, { migrate: false });
    const sqlite = db.$client;
    sqlite.pragma("busy_timeout = 0");
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE");
    sqlite.prepare("SELECT count(*) FROM sqlite_schema").get();
    sqlite.exec("COMMIT");
  } catch (error) {
    const code = error instanceof SqliteError ? error.code : "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      throw new Error(`${target} is in use (is a server running on it?): stop the server first`, {
        cause: error,
      });
    }
    // Anything else (a corrupt or non-SQLite file, say) is what --force replaces.
  } finally {
    if (db) closeDatabase(db);
  }
}
