import { fileURLToPath } from "node:url";

import Database from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

import * as schema from "./schema";

export type Schema = typeof schema;
export type DB = BetterSQLite3Database<Schema> & { $client: Database.Database };

/** The committed migrations, next to the package's sources. */
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export interface OpenDatabaseOptions {
  /** Apply the committed migrations (the default). */
  migrate?: boolean;
  readonly?: boolean;
  /**
   * The page cache, in MiB. Writing many samples wants a large one (see below); a connection that mostly reads
   * beside a writing one does with less.
   * @default 48
   */
  cacheMb?: number;
  /**
   * Whether this connection's commits checkpoint the WAL when it grows past 1,000 pages (SQLite's default). The
   * server's other connections (its writing and jobs threads) leave that to the checkpointer's thread.
   * @default true
   */
  autoCheckpoint?: boolean;
}

/**
 * Opens (creating if needed) the SQLite store at `file` — `":memory:"` for a throwaway one — with WAL, foreign
 * keys and a busy timeout, and brings its schema up to date.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): DB {
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("temp_store = MEMORY");
  // 48 MiB of page cache (SQLite's default is 2 MiB): a million-sample ingest inserts into indexes keyed by
  // content hashes, in random order, and every insert that misses the cache reads a page back. Inserting 1M
  // samples in batches of 10,000: 14.1 s with 16 MiB, 12.8 s with 32 MiB, 12.2 s with 64 MiB; 48 MiB keeps the
  // server under 300 MB at its peak.
  sqlite.pragma(`cache_size = -${Math.round((options.cacheMb ?? 48) * 1024)}`);
  if (options.autoCheckpoint === false) sqlite.pragma("wal_autocheckpoint = 0");
  const db = drizzle(sqlite, { schema, casing: "snake_case" });
  if (options.migrate ?? !options.readonly) migrate(db, { migrationsFolder });
  return db;
}

/** A fresh in-memory store with every migration applied: what tests run against. */
export function createTestDatabase(): DB {
  return openDatabase(":memory:");
}

/**
 * Runs `fn` in one transaction (a savepoint when nested) and returns its result; any throw rolls it back.
 * Drizzle queries on `db` inside `fn` run on the same connection, so they are part of it.
 */
export function transaction<T>(db: DB, fn: () => T): T {
  // BEGIN IMMEDIATE: the server writes from more than one connection (its thread, its writing thread, jobs). A
  // deferred transaction that reads and then writes cannot take the write lock once another connection has
  // committed since its read began, and fails at once with SQLITE_BUSY instead of waiting its turn.
  return db.$client.transaction(fn).immediate();
}

export function closeDatabase(db: DB): void {
  if (db.$client.open) db.$client.close();
}
