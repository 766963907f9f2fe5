import type { DB } from "@assay/db";
import type { TestCaseRecord } from "@assay/workflow/wire";
import type { z } from "zod";

import type { BulkWriter } from "./bulk-writer";
import { inlineWriter } from "./bulk-writer";
import type { EditPreparer } from "./edit-prepare";
import { inlinePreparer } from "./edit-prepare";
import { EditSequencer } from "./edit-sequencer";
import { findEdit, getEdit } from "./edit-state";
import type { uploadInferences } from "./inferences";
import type { uploadSampleMetrics } from "./results";
import type { BegunEdit, BeginEditInput, CommitEditInput } from "./test-case-edits";
import { AppendEditInput, EditInput, workflowOfEdit } from "./test-case-edits";
import { getWorkflow } from "./workflows";

/**
 * Where a request's bulk data goes: the store it reads, where batches are validated and hashed (`preparer`: a
 * worker thread on the server) and where they are written (`writer`: the server's writing thread). Without them,
 * both happen in the request's thread (tests, in-memory stores).
 */
export interface IngestContext {
  db: DB;
  preparer?: EditPreparer | undefined;
  writer?: BulkWriter | undefined;
  /** Gives the request's place up while it waits for an earlier batch of its edit. */
  admission?: { pause<T>(wait: Promise<T>): Promise<T> } | undefined;
}

const inline = inlinePreparer();
const writerOf = (ctx: IngestContext) => ctx.writer ?? inlineWriter(ctx.db);

/** Per store: the batches of its edits waiting for their turn. */
const sequencers = new WeakMap<DB, EditSequencer>();
function sequencerOf(db: DB): EditSequencer {
  let sequencer = sequencers.get(db);
  if (!sequencer) sequencers.set(db, (sequencer = new EditSequencer()));
  return sequencer;
}

export function beginEdit(
  ctx: IngestContext,
  input: z.input<typeof BeginEditInput>,
): Promise<BegunEdit> {
  return writerOf(ctx).run("beginEdit", input);
}

/**
 * One batch of an edit: prepared (parsed, validated, canonicalised and hashed) outside the store, then written
 * when its turn comes. A client keeps two batches in flight, so one is prepared while the one before is written.
 */
export async function appendEdit(
  ctx: IngestContext,
  raw: z.input<typeof AppendEditInput>,
): Promise<{ applied: boolean; count: number }> {
  const { db } = ctx;
  const input = AppendEditInput.parse(raw);
  const edit = getEdit(db, input.editId);
  if (input.seq < edit.nextSeq) return { applied: false, count: 0 };
  const sequencer = sequencerOf(db);
  sequencer.arrived(edit.id);
  let ok = false;
  try {
    const prepared = await (ctx.preparer ?? inline).prepare(
      workflowOfEdit(db, edit.id).schemaJson,
      input.lines,
    );
    const turn = sequencer.turn(edit.id, input.seq, () => findEdit(db, edit.id)?.nextSeq);
    await (ctx.admission ? ctx.admission.pause(turn) : turn);
    const result = await writerOf(ctx).run("applyBatch", {
      editId: input.editId,
      seq: input.seq,
      prepared,
    });
    ok = true;
    return result;
  } finally {
    sequencer.settled(edit.id, input.seq, ok);
  }
}

export async function commitEdit(
  ctx: IngestContext,
  input: z.input<typeof CommitEditInput>,
): Promise<TestCaseRecord[]> {
  try {
    return await writerOf(ctx).run("commitEdit", input);
  } finally {
    sequencerOf(ctx.db).ended(input.editId);
  }
}

export async function abortEdit(ctx: IngestContext, input: { editId: string }): Promise<void> {
  try {
    await writerOf(ctx).run("abortEdit", input);
  } finally {
    sequencerOf(ctx.db).ended(input.editId);
  }
}

/** A whole edit in one call and one transaction: begin, one batch, commit. */
export async function editTestCases(
  ctx: IngestContext,
  raw: z.input<typeof EditInput>,
): Promise<TestCaseRecord[]> {
  const edit = EditInput.parse(raw);
  const schemaJson = getWorkflow(ctx.db, edit.workflow).schemaJson;
  const prepared = await (ctx.preparer ?? inline).prepare(schemaJson, edit.lines);
  return writerOf(ctx).run("edit", { edit, prepared });
}

export function uploadInferencesOf(
  ctx: IngestContext,
  input: Parameters<typeof uploadInferences>[1],
): Promise<ReturnType<typeof uploadInferences>> {
  return writerOf(ctx).run("uploadInferences", input);
}

export function uploadSampleMetricsOf(
  ctx: IngestContext,
  input: Parameters<typeof uploadSampleMetrics>[1],
): Promise<ReturnType<typeof uploadSampleMetrics>> {
  return writerOf(ctx).run("uploadSampleMetrics", input);
}
