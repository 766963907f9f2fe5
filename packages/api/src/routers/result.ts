import type { TRPCRouterRecord } from "@trpc/server";

import { compareModels, CompareInput } from "../services/compare";
import {
  CellsInput,
  MatrixInput,
  metricNames,
  MetricNamesInput,
  resultCells,
  resultsMatrix,
} from "../services/matrix";
import { metricFields, MetricFieldsInput } from "../services/metric-fields";
import { readProcedure } from "../trpc";

/** Cross-run views for the web UI. */
export const resultRouter = {
  /** Chosen metrics of N models over the test cases of a suite version, a column per (model, metric). */
  matrix: readProcedure.input(MatrixInput).query(({ ctx, input }) => resultsMatrix(ctx.db, input)),
  /** The whole metrics of a few test cases (nested per-class rows), per model. */
  cells: readProcedure.input(CellsInput).query(({ ctx, input }) => resultCells(ctx.db, input)),
  /** The numeric metrics the chosen models' runs hold: what the matrix can show. */
  metricNames: readProcedure
    .input(MetricNamesInput)
    .query(({ ctx, input }) => metricNames(ctx.db, input)),
  /** Every declared metric meaning (nested rows' too) and the per-sample metric fields: for drill-downs. */
  metricFields: readProcedure
    .input(MetricFieldsInput)
    .query(({ ctx, input }) => metricFields(ctx.db, input)),
  /** Significance of each model's difference from a reference, per test case, on the samples all share. */
  compare: readProcedure
    .input(CompareInput)
    .query(({ ctx, input }) => ctx.reader?.compare(input) ?? compareModels(ctx.db, input)),
} satisfies TRPCRouterRecord;
