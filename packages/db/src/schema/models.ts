import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt, updatedAt } from "./columns";
import { workflows } from "./workflows";

/** A model is only a descriptor: its name, metadata and tags. Weights are never uploaded. */
export const models = sqliteTable(
  "models",
  {
    id: integer().primaryKey(),
    name: text().notNull().unique(),
    workflowId: integer()
      .notNull()
      .references(() => workflows.id),
    /** Free-form JSON object (canonical JSON). */
    metadataJson: text().notNull().default("{}"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("models_by_workflow").on(t.workflowId, t.id)],
);

export const modelTags = sqliteTable(
  "model_tags",
  {
    modelId: integer()
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    tag: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.tag] }),
    index("model_tags_by_tag").on(t.tag, t.modelId),
  ],
);
