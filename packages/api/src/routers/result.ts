import type { TRPCRouterRecord } from "@trpc/server";

import { compareModels, CompareInput } from "../services/compare";
import { MatrixInput, metricNames, MetricNamesInput, resultsMatrix } from "../services/matrix";
import { readProcedure } from "../trpc";

/** Cross-run views for the web UI. */
export const resultRouter = {
  /** N models × the test cases of a suite version × configurations. */
  matrix: readProcedure.input(MatrixInput).query(({ ctx, input }) => resultsMatrix(ctx.db, input)),
  /** The numeric metrics the chosen models' runs hold: what the matrix can show. */
  metricNames: readProcedure
    .input(MetricNamesInput)
    .query(({ ctx, input }) => metricNames(ctx.db, input)),
  /** Significance of each model's difference from a reference, per test case, on the samples all share. */
  compare: readProcedure
    .input(CompareInput)
    .query(({ ctx, input }) => compareModels(ctx.db, input)),
} satisfies TRPCRouterRecord;
