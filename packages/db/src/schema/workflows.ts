import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt, updatedAt } from "./columns";

/**
 * A workflow and the JSON Schema of its three types, registered by the SDK when it first uses the workflow.
 * Every sample, ground truth and inference written over HTTP is checked against the current schema.
 */
export const workflows = sqliteTable("workflows", {
  id: integer().primaryKey(),
  name: text().notNull().unique(),
  testSampleType: text().notNull(),
  /** The `WorkflowJsonSchema`, as canonical JSON. */
  schemaJson: text().notNull(),
  /** Bumped each time a different schema is registered. */
  schemaVersion: integer().notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
