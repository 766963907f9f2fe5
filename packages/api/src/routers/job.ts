import { JobRecord } from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { cancelJob, getJob, listJobs, ListJobsInput } from "../services/jobs";
import { readProcedure, writeProcedure } from "../trpc";

export const jobRouter = {
  /** A background job (an evaluation): its state and progress. */
  get: readProcedure
    .input(z.object({ id: z.int() }))
    .output(JobRecord)
    .query(({ ctx, input }) => getJob(ctx.db, input.id)),
  /** Jobs newest first: of a test run, or in given states. */
  list: readProcedure
    .input(ListJobsInput)
    .output(z.array(JobRecord))
    .query(({ ctx, input }) => listJobs(ctx.db, input)),
  /** Cancels a job: a queued one at once, a running one within a chunk of samples. */
  cancel: writeProcedure
    .input(z.object({ id: z.int() }))
    .output(JobRecord)
    .mutation(({ ctx, input }) => cancelJob(ctx.db, input.id)),
} satisfies TRPCRouterRecord;
