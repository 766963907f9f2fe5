import { AuditEntry } from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { ListAuditInput, listAudit } from "../services/audit";
import { adminProcedure } from "../trpc";

export const auditRouter = {
  /** The audit log, newest first: every change to the registry, by whom, before and after. */
  list: adminProcedure
    .input(ListAuditInput)
    .output(z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
} satisfies TRPCRouterRecord;
