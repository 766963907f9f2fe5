import type { DB } from "@assay/db";
import { eq, testSamples, transaction, workflows } from "@assay/db";
import type { WorkflowJsonSchema } from "@assay/workflow";
import type { WorkflowRecord } from "@assay/workflow/wire";
import {
  canonicalStringify,
  parseJson,
  workflowName,
  WorkflowValidator,
} from "@assay/workflow/wire";

import { notFound, workflowMismatch } from "../errors";

export type WorkflowRow = typeof workflows.$inferSelect;

/**
 * Registers a workflow's schema (the SDK does it when it first uses a workflow). The same schema again changes
 * nothing; a different one replaces it and bumps `schemaVersion`. A workflow's test sample kind cannot change
 * once it has samples.
 */
export function registerWorkflow(db: DB, schema: WorkflowJsonSchema): WorkflowRecord {
  const name = workflowName(schema.name);
  // Rebuilding the validator proves the schema is one Assay can check uploads against.
  new WorkflowValidator(schema);
  const schemaJson = canonicalStringify({ ...schema, name });
  return transaction(db, () => {
    const existing = db.select().from(workflows).where(eq(workflows.name, name)).get();
    if (!existing) {
      return toRecord(
        db
          .insert(workflows)
          .values({ name, testSampleType: schema.testSampleType, schemaJson })
          .returning()
          .get(),
      );
    }
    if (existing.schemaJson === schemaJson) return toRecord(existing);
    if (existing.testSampleType !== schema.testSampleType) {
      const hasSamples = db
        .select({ id: testSamples.id })
        .from(testSamples)
        .where(eq(testSamples.workflowId, existing.id))
        .limit(1)
        .get();
      if (hasSamples) {
        throw workflowMismatch(
          `workflow '${name}' holds ${existing.testSampleType} samples; its test sample kind cannot become ${schema.testSampleType}`,
        );
      }
    }
    const updated = db
      .update(workflows)
      .set({
        schemaJson,
        testSampleType: schema.testSampleType,
        schemaVersion: existing.schemaVersion + 1,
      })
      .where(eq(workflows.id, existing.id))
      .returning()
      .get();
    validators.get(db)?.delete(existing.id);
    return toRecord(updated);
  });
}

export function getWorkflow(db: DB, name: string): WorkflowRow {
  const row = db.select().from(workflows).where(eq(workflows.name, name)).get();
  if (!row) {
    throw notFound(
      `workflow '${name}' is not registered (the SDK registers a workflow when it first uses it)`,
    );
  }
  return row;
}

export function getWorkflowById(db: DB, id: number): WorkflowRow {
  const row = db.select().from(workflows).where(eq(workflows.id, id)).get();
  if (!row) throw notFound(`workflow ${id} not found`);
  return row;
}

export function listWorkflows(db: DB): WorkflowRecord[] {
  return db.select().from(workflows).orderBy(workflows.name).all().map(toRecord);
}

export function workflowSchema(row: WorkflowRow): WorkflowJsonSchema {
  return parseJson(row.schemaJson) as unknown as WorkflowJsonSchema;
}

/** Per store, per workflow: building a validator rebuilds zod schemas, so it is done once per schema version. */
const validators = new WeakMap<
  DB,
  Map<number, { version: number; validator: WorkflowValidator }>
>();

/** The validator for a workflow's current schema. */
export function validatorFor(db: DB, row: WorkflowRow): WorkflowValidator {
  let perStore = validators.get(db);
  if (!perStore) {
    perStore = new Map<number, { version: number; validator: WorkflowValidator }>();
    validators.set(db, perStore);
  }
  const cached = perStore.get(row.id);
  if (cached?.version === row.schemaVersion) return cached.validator;
  const validator = new WorkflowValidator(workflowSchema(row));
  perStore.set(row.id, { version: row.schemaVersion, validator });
  return validator;
}

/** Loading an entity of another workflow is an error that names both. */
export function checkWorkflow(row: WorkflowRow, expected: string | undefined, what: string): void {
  if (expected !== undefined && row.name !== expected) {
    throw workflowMismatch(`${what} belongs to workflow '${row.name}', not '${expected}'`);
  }
}

function toRecord(row: WorkflowRow): WorkflowRecord {
  const { name, testSampleType, schemaVersion, createdAt, updatedAt } = row;
  return { name, testSampleType, schemaVersion, createdAt, updatedAt };
}
