import { DescriptionInput, NameInput, TagsInput, TestSuiteRecord } from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { suiteHistory, suiteSampleCounts, SuiteVersionSummary } from "../services/suite-history";
import {
  createTestSuite,
  editTestSuite,
  EditTestSuiteInput,
  getTestSuiteVersion,
  listTestSuites,
  ListTestSuitesInput,
  listTestSuiteVersions,
  loadTestSuite,
} from "../services/test-suites";
import { readProcedure, writeProcedure } from "../trpc";

export const testSuiteRouter = {
  create: writeProcedure
    .input(
      z.object({
        name: NameInput,
        workflow: z.string(),
        description: DescriptionInput.optional(),
        tags: TagsInput.optional(),
      }),
    )
    .output(TestSuiteRecord)
    .mutation(({ ctx, input }) => createTestSuite(ctx.db, input)),
  load: readProcedure
    .input(
      z.object({ name: z.string(), version: z.int().optional(), workflow: z.string().optional() }),
    )
    .output(TestSuiteRecord)
    .query(({ ctx, input }) => loadTestSuite(ctx.db, input)),
  get: readProcedure
    .input(z.object({ id: z.int() }))
    .output(TestSuiteRecord)
    .query(({ ctx, input }) => getTestSuiteVersion(ctx.db, input.id)),
  versions: readProcedure
    .input(z.object({ testSuiteId: z.int() }))
    .output(z.array(TestSuiteRecord))
    .query(({ ctx, input }) => listTestSuiteVersions(ctx.db, input.testSuiteId)),
  /** Each version's distinct sample count and its diff from the version before (the suite page). */
  history: readProcedure
    .input(z.object({ testSuiteId: z.int() }))
    .output(z.array(SuiteVersionSummary))
    .query(({ ctx, input }) => suiteHistory(ctx.db, input.testSuiteId)),
  /** Distinct sample counts of suite versions (a page of the suites list in one request). */
  sampleCounts: readProcedure
    .input(z.object({ ids: z.array(z.int()).max(1000) }))
    .output(z.array(z.object({ id: z.int(), sampleCount: z.int() })))
    .query(({ ctx, input }) => suiteSampleCounts(ctx.db, input.ids)),
  list: readProcedure
    .input(ListTestSuitesInput)
    .output(z.object({ items: z.array(TestSuiteRecord), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listTestSuites(ctx.db, input)),
  edit: writeProcedure
    .meta({
      audit: {
        before: (db, input) => {
          const { testSuiteId, baseVersion } = input as {
            testSuiteId: number;
            baseVersion: number;
          };
          return listTestSuiteVersions(db, testSuiteId).find((v) => v.version === baseVersion);
        },
      },
    })
    .input(EditTestSuiteInput)
    .output(TestSuiteRecord)
    .mutation(({ ctx, input }) => editTestSuite(ctx.db, input)),
} satisfies TRPCRouterRecord;
