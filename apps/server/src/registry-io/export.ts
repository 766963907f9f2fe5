/**
 * `assay-server export`: the whole registry as JSONL, table by table and row by row, with every value as stored. A
 * header names the schema and tables; a trailer counts the rows, so that a cut-off file is refused on import.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";

import { closeDatabase, openDatabase } from "@assay/db";

import type { Sqlite, StoredValue } from "./store";
import { encodeValue, migrationHashes, mustExist, quote, registryTables } from "./store";

export const EXPORT_FORMAT = "assay-export";
export const EXPORT_VERSION = 1;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** The hashes of the migrations the store had, oldest first: an import needs exactly these. */
  schema: string[];
  tables: string[];
}

export interface ExportTrailer {
  end: true;
  rows: Record<string, number>;
}

/** Lines are gathered into chunks of about this many characters before each write. */
const CHUNK = 1 << 16;

/**
 * Writes the registry in `file` to `out` (which it does not end) and returns the rows written per table. Reads
 * in one transaction, so a server writing meanwhile yields a consistent snapshot, not a mix of before and after.
 */
export async function exportRegistry(file: string, out: Writable): Promise<Record<string, number>> {
  mustExist(file, "store");
  // Neither migrated nor read-only: an export must not change the store's schema, and a read-only connection
  // would leave -wal and -shm files behind next to a store no server has open.
  const db = openDatabase(file, { migrate: false });
  const sqlite = db.$client;
  try {
    sqlite.exec("BEGIN");
    try {
      return await writeAll(sqlite, out);
    } finally {
      sqlite.exec("COMMIT");
    }
  } finally {
    closeDatabase(db);
  }
}

async function writeAll(sqlite: Sqlite, out: Writable): Promise<Record<string, number>> {
  const writer = chunkedWriter(out);
  // The first read fixes the snapshot: the schema and every row below come from it.
  const tables = registryTables(sqlite);
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    schema: migrationHashes(sqlite),
    tables: tables.map((t) => t.name),
  };
  if (header.schema.length === 0) throw new Error("the store has no Assay migrations table");
  writer.add(JSON.stringify(header));
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const columns = table.columns.map(quote).join(", ");
    const rows = sqlite
      .prepare(`SELECT ${columns} FROM ${quote(table.name)} ORDER BY ${table.orderBy}`)
      .safeIntegers()
      .raw()
      .iterate() as IterableIterator<StoredValue[]>;
    const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
    let count = 0;
    for (const values of rows) {
      const row = Object.fromEntries(
        table.columns.map((c, i) => [c, encodeValue(values[i] ?? null)]),
      );
      // Awaiting only when a chunk is full: an await per row would cost more than the row itself.
      if (writer.add(`${prefix}${JSON.stringify(row)}}`)) await writer.flush();
      count++;
    }
    counts[table.name] = count;
  }
  const trailer: ExportTrailer = { end: true, rows: counts };
  writer.add(JSON.stringify(trailer));
  await writer.flush();
  return counts;
}

/** Batches lines into chunks and waits for `drain` when the stream's buffer is full, so memory stays flat. */
function chunkedWriter(out: Writable) {
  let pending = "";
  const flush = async () => {
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    if (out.destroyed) throw new Error("the output was closed before the export finished");
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), once(out, "close")]);
  };
  return {
    flush,
    /** Adds a line; true when the chunk is full and should be flushed. */
    add(text: string): boolean {
      pending += `${text}\n`;
      return pending.length >= CHUNK;
    },
  };
}
