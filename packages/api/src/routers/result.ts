import type { TRPCRouterRecord } from "@trpc/server";

import { MatrixInput, resultsMatrix } from "../services/results";
import { readProcedure } from "../trpc";

/** Cross-run views for the web UI. */
export const resultRouter = {
  /** N models × the test cases of a suite version × configurations. */
  matrix: readProcedure.input(MatrixInput).query(({ ctx, input }) => resultsMatrix(ctx.db, input)),
} satisfies TRPCRouterRecord;
