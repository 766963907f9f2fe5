import { DescriptionInput, LinesPage, NameInput, TestCaseRecord } from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { abortEdit, appendEdit, beginEdit, commitEdit, editTestCases } from "../services/ingest";
import {
  AppendEditInput,
  BeginEditInput,
  CommitEditInput,
  EditInput,
  releaseUnborn,
} from "../services/test-case-edits";
import {
  createFromSamples,
  createTestCase,
  FromSamplesInput,
  getTestCaseVersion,
  listTestCases,
  ListTestCasesInput,
  listTestCaseVersions,
  loadTestCase,
  SampleStatsInput,
  SamplesInput,
  testCaseSampleStats,
  testCaseSamples,
} from "../services/test-cases";
import { TestCaseRun, testCaseRuns, TestCaseRunsInput } from "../services/test-case-runs";
import { readProcedure, writeProcedure } from "../trpc";

const EditId = z.object({ editId: z.string() });

export const testCaseRouter = {
  create: writeProcedure
    .input(
      z.object({ name: NameInput, workflow: z.string(), description: DescriptionInput.optional() }),
    )
    .output(TestCaseRecord)
    .mutation(({ ctx, input }) => {
      releaseUnborn(ctx.db, input.name);
      return createTestCase(ctx.db, input);
    }),
  load: readProcedure
    .input(
      z.object({ name: z.string(), version: z.int().optional(), workflow: z.string().optional() }),
    )
    .output(TestCaseRecord)
    .query(({ ctx, input }) => loadTestCase(ctx.db, input)),
  /** A version by its id. */
  get: readProcedure
    .input(z.object({ id: z.int() }))
    .output(TestCaseRecord)
    .query(({ ctx, input }) => getTestCaseVersion(ctx.db, input.id)),
  versions: readProcedure
    .input(z.object({ testCaseId: z.int() }))
    .output(z.array(TestCaseRecord))
    .query(({ ctx, input }) => listTestCaseVersions(ctx.db, input.testCaseId)),
  list: readProcedure
    .input(ListTestCasesInput)
    .output(z.object({ items: z.array(TestCaseRecord), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listTestCases(ctx.db, input)),
  /** Pages of a version's samples with their ground truths (NDJSON lines), optionally filtered. */
  samples: readProcedure
    .input(SamplesInput)
    .output(LinesPage)
    .query(({ ctx, input }) => testCaseSamples(ctx.db, input)),
  /** How many samples match filters, and a per-sample metric's sum over them (what a drill-down claims). */
  sampleStats: readProcedure
    .input(SampleStatsInput)
    .output(z.object({ count: z.int(), sum: z.number().nullable() }))
    .query(({ ctx, input }) => testCaseSampleStats(ctx.db, input)),
  /** The chosen models' newest runs whose suite version holds this version: where its per-sample metrics are. */
  runs: readProcedure
    .input(TestCaseRunsInput)
    .output(z.array(TestCaseRun))
    .query(({ ctx, input }) => testCaseRuns(ctx.db, input)),
  /** A new test case from a selection of another one's samples, with their ground truths. */
  createFromSamples: writeProcedure
    .input(FromSamplesInput)
    .output(TestCaseRecord)
    .mutation(({ ctx, input }) => {
      releaseUnborn(ctx.db, input.name);
      return createFromSamples(ctx.db, input);
    }),
  /** A whole edit in one request (small edits; the web UI). */
  edit: writeProcedure
    .input(EditInput)
    .output(z.array(TestCaseRecord))
    .mutation(({ ctx, input }) => editTestCases(ctx, input)),
  /** A large edit: begin, append batches (in order; a resent batch is skipped), then commit or abort. */
  beginEdit: writeProcedure
    .input(BeginEditInput)
    .mutation(({ ctx, input }) => beginEdit(ctx, input)),
  // An edit's batches are logged by its commit (and its begin), not one by one.
  appendEdit: writeProcedure
    .meta({ audit: false })
    .input(AppendEditInput)
    .mutation(({ ctx, input }) => appendEdit(ctx, input)),
  commitEdit: writeProcedure
    .input(CommitEditInput)
    .output(z.array(TestCaseRecord))
    .mutation(({ ctx, input }) => commitEdit(ctx, input)),
  abortEdit: writeProcedure.input(EditId).mutation(async ({ ctx, input }) => {
    await abortEdit(ctx, input);
    return { ok: true };
  }),
} satisfies TRPCRouterRecord;
