/**
 * What backup, restore, export and import share: which tables make up a registry, which migrations a store has,
 * and how a stored SQLite value is written as JSON and read back exactly.
 */
import { existsSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

import type { DB } from "@assay/db";
import { closeDatabase, openDatabase } from "@assay/db";

export type Sqlite = DB["$client"];

/** drizzle's bookkeeping of applied migrations: the target store makes its own when it is opened. */
export const MIGRATIONS_TABLE = "__drizzle_migrations";
/** Web sessions are ephemeral: a restored or imported registry starts with everyone signed out. */
const SKIPPED = new Set([MIGRATIONS_TABLE, "sessions"]);
/** AUTOINCREMENT's counters: a table like any other, so that ids are not reused after an import. */
export const SEQUENCE_TABLE = "sqlite_sequence";

export interface RegistryTable {
  name: string;
  /** Stored columns, in declaration order (generated and hidden columns cannot be inserted, so are left out). */
  columns: string[];
  /** How rows are read, so that an export of an imported store lists them in the same order. */
  orderBy: string;
}

export const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The registry's tables, by name, with `sqlite_sequence` last (inserting rows before it moves its counters). */
export function registryTables(sqlite: Sqlite): RegistryTable[] {
  const listed = sqlite.prepare("PRAGMA main.table_list").all() as {
    name: string;
    type: string;
    wr: number;
  }[];
  const tables: RegistryTable[] = [];
  // By code unit, not locale: the order of an export must not depend on the machine that made it.
  for (const table of listed.sort((a, b) => (sortKey(a.name) < sortKey(b.name) ? -1 : 1))) {
    if (table.type === "view" || SKIPPED.has(table.name)) continue;
    if (table.name.startsWith("sqlite_") && table.name !== SEQUENCE_TABLE) continue;
    if (table.type !== "table") {
      throw new Error(`table ${table.name} is a ${table.type} table, which export cannot copy`);
    }
    const info = sqlite
      .prepare("SELECT name, pk, hidden FROM pragma_table_xinfo(?)")
      .all(table.name) as {
      name: string;
      pk: number;
      hidden: number;
    }[];
    const columns = info.filter((c) => c.hidden === 0).map((c) => c.name);
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => quote(c.name));
    // sqlite_sequence's rowids say only in which order its rows were last written, which an import changes.
    const orderBy =
      table.name === SEQUENCE_TABLE ? "name" : table.wr ? primaryKey.join(", ") : "rowid";
    tables.push({ name: table.name, columns, orderBy });
  }
  return tables;
}

const sortKey = (name: string) => (name === SEQUENCE_TABLE ? "\uffff" : name);

/** The hashes of the migrations applied to a store, oldest first; empty when it has none (not an Assay store). */
export function migrationHashes(sqlite: Sqlite): string[] {
  const found = sqlite
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  if (!found) return [];
  return sqlite
    .prepare(`SELECT hash FROM ${quote(MIGRATIONS_TABLE)} ORDER BY id`)
    .pluck()
    .all() as string[];
}

let buildHashes: string[] | undefined;

/** The migrations this build of Assay ships, as applied to a throwaway store. */
export function buildMigrationHashes(): string[] {
  if (!buildHashes) {
    const db = openDatabase(":memory:");
    buildHashes = migrationHashes(db.$client);
    closeDatabase(db);
  }
  return buildHashes;
}

/** Throws unless the store passes SQLite's full integrity check (a file that is not SQLite fails here too). */
export function checkIntegrity(sqlite: Sqlite, file: string): void {
  let result: string[];
  try {
    result = sqlite.prepare("PRAGMA integrity_check").pluck().all() as string[];
  } catch (error) {
    throw new Error(`${file} is not a readable SQLite database (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (result.length !== 1 || result[0] !== "ok") {
    throw new Error(`${file} fails SQLite's integrity check: ${result.slice(0, 5).join("; ")}`);
  }
}

/** A temporary file in the target's folder, so that renaming it onto the target is atomic. */
export function tempFileBeside(target: string, purpose: string): string {
  return join(dirname(target), `.${basename(target)}.${purpose}-${process.pid}-${Date.now()}.tmp`);
}

/**
 * Removes the journal files of a store that is about to be replaced: SQLite would otherwise replay the old
 * store's WAL (or hot journal) into the new file and corrupt it.
 */
export function removeJournals(file: string): void {
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

export function removeStore(file: string): void {
  rmSync(file, { force: true });
  removeJournals(file);
}

export function mustExist(file: string, what: string): void {
  if (!existsSync(file)) throw new Error(`${what} ${file} does not exist`);
}

/** A stored SQLite value, as better-sqlite3 reads it with safe integers. */
export type StoredValue = null | bigint | number | string | Uint8Array;
type JsonCell = null | number | string | { $int: string } | { $real: string } | { $blob: string };

/**
 * JSON for a stored value, keeping its SQLite storage class: a plain number is an INTEGER when it is whole and a
 * REAL otherwise, so REALs that are whole or not finite (and INTEGERs past 2^53) are tagged.
 */
export function encodeValue(value: StoredValue): JsonCell {
  if (value === null || typeof value === "string") return value;
  if (typeof value === "bigint") {
    return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : { $int: value.toString() };
  }
  if (typeof value === "number") {
    if (Number.isFinite(value) && !Number.isInteger(value)) return value;
    return { $real: Object.is(value, -0) ? "-0" : String(value) };
  }
  return { $blob: Buffer.from(value).toString("base64") };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INTEGER = /^-?\d+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The value to bind for a JSON cell written by `encodeValue`; throws on anything it would not write. */
export function decodeValue(cell: unknown): StoredValue {
  if (cell === null || typeof cell === "string") return cell;
  if (typeof cell === "number") {
    if (!Number.isInteger(cell)) return cell;
    if (!Number.isSafeInteger(cell))
      throw new Error(`${cell} is past 2^53 and not written as {"$int"}`);
    // better-sqlite3 binds every JS number as a REAL; a bigint binds as an INTEGER.
    return BigInt(cell);
  }
  if (typeof cell === "object" && !Array.isArray(cell)) {
    const entries = Object.entries(cell as Record<string, unknown>);
    const [key, text] = entries[0] ?? [];
    if (entries.length === 1 && typeof text === "string") {
      if (key === "$int" && INTEGER.test(text)) return BigInt(text);
      if (key === "$real") {
        const real = Number(text);
        if (text !== "" && (!Number.isNaN(real) || text === "NaN")) return real;
      }
      if (key === "$blob" && text.length % 4 === 0 && BASE64.test(text))
        return Buffer.from(text, "base64");
    }
  }
  throw new Error(`${JSON.stringify(cell)} is not a stored value`);
}
