/**
 * `assay-server import`: an `assay-server export` file into a new or empty store, all or nothing. Rows go in exactly as they
 * were stored (ids included), so every reference between them holds without rewriting anything.
 */
import type { Readable } from "node:stream";
import { createInterface } from "node:readline";

import { closeDatabase, openDatabase } from "@assay/db";

import type { ExportHeader, ExportTrailer } from "./export";
import { EXPORT_FORMAT, EXPORT_VERSION } from "./export";
import type { RegistryTable, Sqlite, StoredValue } from "./store";
import { decodeValue, migrationHashes, quote, registryTables, SEQUENCE_TABLE } from "./store";

const prepareInsert = (sqlite: Sqlite, sql: string) => sqlite.prepare<unknown[]>(sql);
type Statement = ReturnType<typeof prepareInsert>;

/** Reads an export from `input` into the store at `file` (created and migrated if new); returns rows per table. */
export async function importRegistry(
  file: string,
  input: Readable,
): Promise<Record<string, number>> {
  const db = openDatabase(file);
  const sqlite = db.$client;
  try {
    const tables = new Map(registryTables(sqlite).map((t) => [t.name, t]));
    refuseNonEmpty(sqlite, [...tables.values()]);
    // Rows arrive in table order, not in the order their references need; the check before commit makes up
    // for it. The pragma is a no-op inside a transaction, so it is set before.
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const counts = await insertAll(sqlite, tables, input);
      refuseViolations(sqlite);
      sqlite.exec("COMMIT");
      return counts;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw error;
    } finally {
      sqlite.pragma("foreign_keys = ON");
    }
  } finally {
    closeDatabase(db);
  }
}

function refuseNonEmpty(sqlite: Sqlite, tables: RegistryTable[]): void {
  for (const table of tables) {
    // A store whose rows were all deleted still counts AUTOINCREMENT's past ids: the import replaces them.
    if (table.name === SEQUENCE_TABLE) continue;
    if (sqlite.prepare(`SELECT 1 FROM ${quote(table.name)} LIMIT 1`).get()) {
      throw new Error(
        `the store already has rows (in ${table.name}): import only into a new or empty store`,
      );
    }
  }
}

async function insertAll(
  sqlite: Sqlite,
  tables: Map<string, RegistryTable>,
  input: Readable,
): Promise<Record<string, number>> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  const statements = new Map<string, Statement>();
  const clearSequence = sqlite.prepare(`DELETE FROM ${quote(SEQUENCE_TABLE)} WHERE name = ?`);
  let header: ExportHeader | undefined;
  let trailer: ExportTrailer | undefined;
  const counts: Record<string, number> = {};
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      try {
        if (trailer) throw new Error("a line after the end of the export");
        const line = parse(text);
        if (!header) {
          header = checkHeader(line, sqlite, tables);
          for (const name of header.tables) counts[name] = 0;
          continue;
        }
        if (line.end === true) {
          trailer = line as unknown as ExportTrailer;
          continue;
        }
        const { table, row } = line;
        if (typeof table !== "string" || counts[table] === undefined) {
          throw new Error(`table ${JSON.stringify(table)} is not one the header lists`);
        }
        if (typeof row !== "object" || row === null || Array.isArray(row)) {
          throw new Error("the row is not an object");
        }
        const keys = Object.keys(row);
        const insert = statementFor(sqlite, statements, tables.get(table) as RegistryTable, keys);
        const values = keys.map((key) => decodeCell((row as Record<string, unknown>)[key], key));
        // Inserting rows with explicit ids already moved AUTOINCREMENT's counter; the export's value wins.
        if (table === SEQUENCE_TABLE) clearSequence.run(values[keys.indexOf("name")] ?? null);
        insert.run(...values);
        counts[table] = (counts[table] ?? 0) + 1;
      } catch (error) {
        throw new Error(`line ${n}: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    lines.close();
  }
  if (!header) throw new Error("the file is empty");
  if (!trailer) throw new Error(`the export ends at line ${n} without its trailer: it was cut off`);
  checkCounts(trailer, counts);
  return counts;
}

function parse(text: string): Record<string, unknown> {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    throw new Error("not JSON");
  }
  if (typeof line !== "object" || line === null || Array.isArray(line)) {
    throw new Error("not a JSON object");
  }
  return line as Record<string, unknown>;
}

function checkHeader(
  line: Record<string, unknown>,
  sqlite: Sqlite,
  tables: Map<string, RegistryTable>,
): ExportHeader {
  if (line.format !== EXPORT_FORMAT) throw new Error("not an Assay export (no header)");
  if (line.version !== EXPORT_VERSION) {
    throw new Error(
      `export format version ${String(line.version)}; this Assay reads version ${EXPORT_VERSION}`,
    );
  }
  const header = line as unknown as ExportHeader;
  const ours = migrationHashes(sqlite);
  if (JSON.stringify(header.schema) !== JSON.stringify(ours)) {
    throw new Error(
      `the export's schema (${describe(header.schema)}) is not this store's (${describe(ours)}): ` +
        "import it with the Assay version that made it",
    );
  }
  if (!Array.isArray(header.tables)) throw new Error("the header lists no tables");
  const missing = header.tables.filter((name) => !tables.has(name));
  if (missing.length > 0) throw new Error(`this store has no table ${missing.join(", ")}`);
  return header;
}

const describe = (hashes: unknown) =>
  Array.isArray(hashes)
    ? `${hashes.length} migrations, last ${String(hashes.at(-1)).slice(0, 12)}`
    : "none";

function statementFor(
  sqlite: Sqlite,
  statements: Map<string, Statement>,
  table: RegistryTable,
  keys: string[],
): Statement {
  const key = `${table.name}\u0000${keys.join("\u0000")}`;
  let statement = statements.get(key);
  if (!statement) {
    const unknown = keys.filter((k) => !table.columns.includes(k));
    if (unknown.length > 0) throw new Error(`${table.name} has no column ${unknown.join(", ")}`);
    if (keys.length === 0) throw new Error("the row has no columns");
    const columns = keys.map(quote).join(", ");
    const slots = keys.map(() => "?").join(", ");
    statement = prepareInsert(
      sqlite,
      `INSERT INTO ${quote(table.name)} (${columns}) VALUES (${slots})`,
    );
    statements.set(key, statement);
  }
  return statement;
}

function decodeCell(cell: unknown, column: string): StoredValue {
  try {
    return decodeValue(cell);
  } catch (error) {
    throw new Error(`${column}: ${(error as Error).message}`, { cause: error });
  }
}

function checkCounts(trailer: ExportTrailer, counts: Record<string, number>): void {
  const expected = (trailer.rows ?? {}) as Record<string, unknown>;
  for (const name of new Set([...Object.keys(expected), ...Object.keys(counts)])) {
    if (expected[name] !== counts[name]) {
      throw new Error(
        `the trailer counts ${JSON.stringify(expected[name] ?? 0)} rows of ${name}, the file has ${counts[name] ?? 0}`,
      );
    }
  }
}

function refuseViolations(sqlite: Sqlite): void {
  const violations = sqlite.prepare("PRAGMA foreign_key_check").all() as {
    table: string;
    rowid: number | null;
    parent: string;
  }[];
  if (violations.length === 0) return;
  const some = violations
    .slice(0, 5)
    .map((v) => `${v.table} row ${v.rowid ?? "?"} refers to a missing ${v.parent}`);
  throw new Error(`${violations.length} broken references: ${some.join("; ")}`);
}
