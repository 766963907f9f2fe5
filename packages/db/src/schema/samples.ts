import { blob, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { workflows } from "./workflows";

/**
 * Each test sample is stored once per workflow, keyed by the SHA-256 of its identity (its canonical JSON
 * without metadata). Metadata is kept beside it and merged key by key on every upload.
 */
export const testSamples = sqliteTable(
  "test_samples",
  {
    id: integer().primaryKey(),
    workflowId: integer()
      .notNull()
      .references(() => workflows.id),
    identityHash: blob({ mode: "buffer" }).notNull(),
    /** Canonical JSON of the sample without `metadata`. */
    sampleJson: text().notNull(),
    metadataJson: text().notNull().default("{}"),
  },
  (t) => [uniqueIndex("test_samples_identity").on(t.workflowId, t.identityHash)],
);
