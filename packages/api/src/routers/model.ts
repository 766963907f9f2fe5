import {
  LinesPage,
  MetadataInput,
  ModelRecord,
  NameInput,
  TagsInput,
  TestRunRecord,
} from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import {
  inferencesForSamples,
  modelInferences,
  ModelInferencesInput,
  SampleInferencesInput,
} from "../services/inferences";
import { modelSummary, ModelSummary, modelTable, ModelTableRow } from "../services/model-overview";
import {
  createModel,
  getModel,
  listModels,
  ListModelsInput,
  loadModel,
  updateModel,
} from "../services/models";
import { listTestRuns } from "../services/test-runs";
import { readProcedure, writeProcedure } from "../trpc";

export const modelRouter = {
  create: writeProcedure
    .input(
      z.object({
        name: NameInput,
        workflow: z.string(),
        metadata: MetadataInput.optional(),
        tags: TagsInput.optional(),
      }),
    )
    .output(ModelRecord)
    .mutation(({ ctx, input }) => createModel(ctx.db, input)),
  load: readProcedure
    .input(z.object({ name: z.string(), workflow: z.string().optional() }))
    .output(ModelRecord)
    .query(({ ctx, input }) => loadModel(ctx.db, input)),
  get: readProcedure
    .input(z.object({ id: z.int() }))
    .output(ModelRecord)
    .query(({ ctx, input }) => getModel(ctx.db, input.id)),
  list: readProcedure
    .input(ListModelsInput)
    .output(z.object({ items: z.array(ModelRecord), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listModels(ctx.db, input)),
  /** The models page: `list` with each model's last test and headline metric, in one request. */
  table: readProcedure
    .input(ListModelsInput)
    .output(z.object({ items: z.array(ModelTableRow), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => modelTable(ctx.db, input)),
  /** A model's page: latest headline metrics per test suite and their trend across suite versions. */
  summary: readProcedure
    .input(z.object({ modelId: z.int() }))
    .output(ModelSummary)
    .query(({ ctx, input }) => modelSummary(ctx.db, input.modelId)),
  /** Rename (names stay unique), and replace metadata or tags. */
  update: writeProcedure
    .meta({ audit: { before: (db, input) => getModel(db, (input as { id: number }).id) } })
    .input(
      z.object({
        id: z.int(),
        name: NameInput.optional(),
        metadata: MetadataInput.optional(),
        tags: TagsInput.optional(),
      }),
    )
    .output(ModelRecord)
    .mutation(({ ctx, input }) => updateModel(ctx.db, input)),
  /** Pages of `[testSample, groundTruth, inference]` for a test case version (NDJSON lines). */
  inferences: readProcedure
    .input(ModelInferencesInput)
    .output(LinesPage)
    .query(({ ctx, input }) => modelInferences(ctx.db, input)),
  inferencesForSamples: readProcedure
    .input(SampleInferencesInput)
    .output(LinesPage)
    .query(({ ctx, input }) => inferencesForSamples(ctx.db, input)),
  testRuns: readProcedure
    .input(z.object({ modelId: z.int() }))
    .output(z.array(TestRunRecord))
    .query(({ ctx, input }) => listTestRuns(ctx.db, input)),
} satisfies TRPCRouterRecord;
