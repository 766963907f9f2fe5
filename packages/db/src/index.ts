/**
 * `@assay/db`: the only way to Assay's store. Services get a `DB` from `openDatabase` (or `createTestDatabase`
 * in tests) and query it with drizzle; driver types stay inside this package.
 */
export {
  closeDatabase,
  createTestDatabase,
  migrationsFolder,
  openDatabase,
  transaction,
} from "./client";
export type { DB, OpenDatabaseOptions, Schema } from "./client";
export { startCheckpointer } from "./checkpointer";
export type { Checkpointer } from "./checkpointer";
export * from "./schema";
export { SqliteError } from "better-sqlite3";
export * from "drizzle-orm/sql";
