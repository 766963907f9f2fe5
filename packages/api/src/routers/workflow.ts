import { WorkflowRecord } from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import {
  getWorkflow,
  listWorkflows,
  registerWorkflow,
  workflowSchema,
} from "../services/workflows";
import { readProcedure, writeProcedure } from "../trpc";

const JsonSchema = z.record(z.string(), z.unknown());
const WorkflowSchemaInput = z.object({
  name: z.string(),
  testSampleType: z.string(),
  testSample: JsonSchema,
  groundTruth: JsonSchema,
  inference: JsonSchema,
});

export const workflowRouter = {
  /** Registers a workflow's JSON Schema (`Workflow.toJSONSchema()`); what uploads are checked against. */
  register: writeProcedure
    .meta({
      audit: {
        before: (db, input) => {
          const existing = getWorkflow(db, (input as { name: string }).name);
          return { schemaVersion: existing.schemaVersion, schema: workflowSchema(existing) };
        },
      },
    })
    .input(WorkflowSchemaInput)
    .output(WorkflowRecord)
    .mutation(({ ctx, input }) => registerWorkflow(ctx.db, input)),
  list: readProcedure.output(z.array(WorkflowRecord)).query(({ ctx }) => listWorkflows(ctx.db)),
  schema: readProcedure
    .input(z.object({ name: z.string() }))
    .query(({ ctx, input }) => workflowSchema(getWorkflow(ctx.db, input.name))),
} satisfies TRPCRouterRecord;
