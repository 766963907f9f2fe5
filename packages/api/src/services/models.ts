import type { DB } from "@assay/db";
import {
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  lt,
  models,
  modelTags,
  or,
  sql,
  SqliteError,
  transaction,
  workflows,
} from "@assay/db";
import type { JsonObject } from "@assay/workflow";
import type { ModelRecord } from "@assay/workflow/wire";
import { canonicalStringify, entityName, parseJson } from "@assay/workflow/wire";
import { z } from "zod";

import { nameConflict, notFound } from "../errors";
import { JsonFilter, jsonCondition } from "./json-filter";
import { decodeCursor, encodeCursor, pageLength } from "./pagination";
import { checkWorkflow, getWorkflow, getWorkflowById } from "./workflows";

type ModelRow = typeof models.$inferSelect;

export interface CreateModelInput {
  name: string;
  workflow: string;
  metadata?: JsonObject | undefined;
  tags?: readonly string[] | undefined;
}

export function createModel(db: DB, input: CreateModelInput): ModelRecord {
  const name = entityName(input.name);
  const workflow = getWorkflow(db, input.workflow);
  return transaction(db, () => {
    let row: ModelRow;
    try {
      row = db
        .insert(models)
        .values({
          name,
          workflowId: workflow.id,
          metadataJson: canonicalStringify(input.metadata ?? {}),
        })
        .returning()
        .get();
    } catch (error) {
      throw uniqueName(error, name);
    }
    const tags = normaliseTags(input.tags);
    if (tags.length > 0)
      db.insert(modelTags)
        .values(tags.map((tag) => ({ modelId: row.id, tag })))
        .run();
    return toRecord(row, workflow.name, tags);
  });
}

export function loadModel(
  db: DB,
  input: { name: string; workflow?: string | undefined },
): ModelRecord {
  const row = db.select().from(models).where(eq(models.name, input.name)).get();
  if (!row) throw notFound(`no model named '${input.name}'`);
  const workflow = getWorkflowById(db, row.workflowId);
  checkWorkflow(workflow, input.workflow, `model '${row.name}'`);
  return toRecord(row, workflow.name, tagsOf(db, [row.id]).get(row.id) ?? []);
}

export function getModel(db: DB, id: number): ModelRecord {
  const row = db.select().from(models).where(eq(models.id, id)).get();
  if (!row) throw notFound(`model ${id} not found`);
  return toRecord(row, getWorkflowById(db, row.workflowId).name, tagsOf(db, [id]).get(id) ?? []);
}

export interface UpdateModelInput {
  id: number;
  name?: string | undefined;
  metadata?: JsonObject | undefined;
  tags?: readonly string[] | undefined;
}

/** Renames (names stay unique) and replaces metadata and tags; what is not given is kept. */
export function updateModel(db: DB, input: UpdateModelInput): ModelRecord {
  return transaction(db, () => {
    const current = getModel(db, input.id);
    const changes: Partial<typeof models.$inferInsert> = {};
    if (input.name !== undefined) changes.name = entityName(input.name);
    if (input.metadata !== undefined) changes.metadataJson = canonicalStringify(input.metadata);
    if (Object.keys(changes).length > 0) {
      try {
        db.update(models).set(changes).where(eq(models.id, input.id)).run();
      } catch (error) {
        throw uniqueName(error, changes.name ?? current.name);
      }
    }
    if (input.tags !== undefined) {
      const tags = normaliseTags(input.tags);
      db.delete(modelTags).where(eq(modelTags.modelId, input.id)).run();
      if (tags.length > 0)
        db.insert(modelTags)
          .values(tags.map((tag) => ({ modelId: input.id, tag })))
          .run();
    }
    return getModel(db, input.id);
  });
}

export const ListModelsInput = z.object({
  workflow: z.string().optional(),
  /** Case-insensitive part of the name. */
  search: z.string().max(200).optional(),
  /** Models carrying every one of these tags. */
  tags: z.array(z.string()).max(50).optional(),
  metadata: z.array(JsonFilter).max(20).optional(),
  sort: z.enum(["created", "-created", "name", "-name"]).default("created"),
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(1000).default(100),
});
export type ListModelsInput = z.input<typeof ListModelsInput>;

export function listModels(
  db: DB,
  rawInput: ListModelsInput,
): { items: ModelRecord[]; nextCursor: string | null } {
  const input = ListModelsInput.parse(rawInput);
  const conditions = [];
  if (input.workflow !== undefined)
    conditions.push(eq(models.workflowId, getWorkflow(db, input.workflow).id));
  if (input.search) conditions.push(sql`instr(lower(${models.name}), lower(${input.search})) > 0`);
  for (const tag of new Set(input.tags ?? [])) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${modelTags} WHERE ${modelTags.modelId} = ${models.id} AND ${modelTags.tag} = ${tag})`,
    );
  }
  for (const filter of input.metadata ?? [])
    conditions.push(jsonCondition(sql`${models.metadataJson}`, filter));

  const descending = input.sort.startsWith("-");
  const key = input.sort.endsWith("name") ? models.name : models.id;
  const after = decodeCursor(input.cursor);
  if (after) {
    const [value, id] = after;
    const [sortValue, idValue] = [value as string | number, Number(id)];
    const beyond = descending ? lt : gt;
    conditions.push(
      key === models.id
        ? beyond(models.id, idValue)
        : or(
            beyond(models.name, String(sortValue)),
            and(eq(models.name, String(sortValue)), beyond(models.id, idValue)),
          ),
    );
  }
  const order = descending ? [desc(key), desc(models.id)] : [asc(key), asc(models.id)];
  const rows = db
    .select({ model: models, workflow: workflows.name })
    .from(models)
    .innerJoin(workflows, eq(workflows.id, models.workflowId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(input.limit + 1)
    .all();
  const tags = tagsOf(
    db,
    rows.map((row) => row.model.id),
  );
  const length = pageLength(rows, input.limit, (row) => {
    const own = tags.get(row.model.id) ?? [];
    return row.model.name.length + row.model.metadataJson.length + own.join().length;
  });
  const page = rows.slice(0, length);
  const last = page.at(-1);
  return {
    items: page.map((row) => toRecord(row.model, row.workflow, tags.get(row.model.id) ?? [])),
    nextCursor:
      rows.length > length && last
        ? encodeCursor([key === models.id ? last.model.id : last.model.name, last.model.id])
        : null,
  };
}

function tagsOf(db: DB, ids: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = db
    .select()
    .from(modelTags)
    .where(inArray(modelTags.modelId, ids))
    .orderBy(modelTags.modelId, modelTags.tag)
    .all();
  for (const { modelId, tag } of rows) out.set(modelId, [...(out.get(modelId) ?? []), tag]);
  return out;
}

function normaliseTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => entityName(tag, "tags")))].sort();
}

function uniqueName(error: unknown, name: string): unknown {
  if (error instanceof SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE") {
    return nameConflict(`a model named '${name}' already exists`);
  }
  return error;
}

function toRecord(row: ModelRow, workflow: string, tags: string[]): ModelRecord {
  return {
    id: row.id,
    name: row.name,
    workflow,
    metadata: parseJson(row.metadataJson) as JsonObject,
    tags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The model's row, for services that need its workflow. */
export function modelRow(db: DB, id: number): ModelRow {
  const row = db.select().from(models).where(eq(models.id, id)).get();
  if (!row) throw notFound(`model ${id} not found`);
  return row;
}
