import { JobRecord, LinesPage, TestRunRecord } from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { UploadInferencesInput } from "../services/inferences";
import { uploadInferencesOf, uploadSampleMetricsOf } from "../services/ingest";
import { EvaluateInput, enqueueEvaluation } from "../services/jobs";
import {
  loadTestRunResults,
  sampleMetricsFor,
  SampleMetricsForInput,
  sampleMetricsPage,
  SampleMetricsPageInput,
  UploadSampleMetricsInput,
  uploadTestCaseResults,
  UploadTestCaseResultsInput,
  uploadTestSuiteMetrics,
  UploadTestSuiteMetricsInput,
} from "../services/results";
import {
  CreateTestRunInput,
  createOrRetrieveTestRun,
  findTestRun,
  getTestRun,
  listRunsOfSuite,
  remainingSamples,
  RemainingInput,
  RunStatusInput,
  updateTestRunStatus,
} from "../services/test-runs";
import { readProcedure, writeProcedure } from "../trpc";

const Count = z.object({ count: z.int() });

export const testRunRouter = {
  /** The run of (model, test suite version, evaluator), created when missing. */
  createOrRetrieve: writeProcedure
    .input(CreateTestRunInput)
    .output(TestRunRecord)
    .mutation(({ ctx, input }) => createOrRetrieveTestRun(ctx.db, input)),
  get: readProcedure
    .input(z.object({ id: z.int() }))
    .output(TestRunRecord)
    .query(({ ctx, input }) => getTestRun(ctx.db, input.id)),
  /** The runs on a test suite version, with their models' names. */
  list: readProcedure
    .input(z.object({ testSuiteId: z.int() }))
    .output(z.array(TestRunRecord.extend({ modelName: z.string() })))
    .query(({ ctx, input }) => listRunsOfSuite(ctx.db, input)),
  /** The run of (model, suite version, evaluator), or null; never creates one. */
  find: readProcedure
    .input(z.object({ modelId: z.int(), testSuiteId: z.int(), evaluator: z.string().nullish() }))
    .output(TestRunRecord.nullable())
    .query(({ ctx, input }) => findTestRun(ctx.db, input)),
  /** Pages of the samples left to infer (NDJSON lines). */
  remaining: readProcedure
    .input(RemainingInput)
    .output(LinesPage)
    .query(({ ctx, input }) => remainingSamples(ctx.db, input)),
  uploadInferences: writeProcedure
    .input(UploadInferencesInput)
    .output(Count)
    .mutation(({ ctx, input }) => uploadInferencesOf(ctx, input)),
  /** Progress, completion, or a crash. */
  status: writeProcedure
    .input(RunStatusInput)
    .output(TestRunRecord)
    .mutation(({ ctx, input }) => updateTestRunStatus(ctx.db, input)),
  uploadSampleMetrics: writeProcedure
    .input(UploadSampleMetricsInput)
    .output(Count)
    .mutation(({ ctx, input }) => uploadSampleMetricsOf(ctx, input)),
  uploadTestCaseResults: writeProcedure
    .input(UploadTestCaseResultsInput)
    .output(Count)
    .mutation(({ ctx, input }) => uploadTestCaseResults(ctx.db, input)),
  uploadTestSuiteMetrics: writeProcedure
    .input(UploadTestSuiteMetricsInput)
    .output(Count)
    .mutation(({ ctx, input }) => uploadTestSuiteMetrics(ctx.db, input)),
  /**
   * Runs a built-in evaluator of `@assay/metrics` on the server, over the stored inferences, as a background job:
   * answers the job at once (`job.get` follows it). Asked again while that evaluation is under way, the same job.
   */
  evaluate: writeProcedure
    .input(EvaluateInput)
    .output(JobRecord)
    .mutation(({ ctx, input }) => {
      const job = enqueueEvaluation(ctx.db, input);
      ctx.jobs?.wake();
      return job;
    }),
  results: readProcedure
    .input(
      z.object({
        testRunId: z.int(),
        configuration: z.string().optional(),
        testCaseId: z.int().optional(),
      }),
    )
    .query(({ ctx, input }) => loadTestRunResults(ctx.db, input)),
  /** Per-sample metrics of some samples (a gallery page). */
  sampleMetricsFor: readProcedure
    .input(SampleMetricsForInput)
    .output(LinesPage)
    .query(({ ctx, input }) => sampleMetricsFor(ctx.db, input)),
  sampleMetrics: readProcedure
    .input(SampleMetricsPageInput)
    .output(LinesPage)
    .query(({ ctx, input }) => sampleMetricsPage(ctx.db, input)),
} satisfies TRPCRouterRecord;
