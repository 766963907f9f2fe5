import { NameInput, TokenScope } from "@assay/workflow/wire";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { createToken, listTokens, revokeToken } from "../services/auth";
import { adminProcedure } from "../trpc";

/** Token management for admins (the CLI can also do it directly on the database file). */
export const tokenRouter = {
  list: adminProcedure.query(({ ctx }) => listTokens(ctx.db)),
  create: adminProcedure
    .input(z.object({ name: NameInput, scope: TokenScope }))
    .mutation(({ ctx, input }) => createToken(ctx.db, input)),
  revoke: adminProcedure
    .meta({
      audit: {
        before: (db, input) =>
          listTokens(db).find((t) => t.name === (input as { name?: unknown }).name),
      },
    })
    .input(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => revokeToken(ctx.db, input.name)),
} satisfies TRPCRouterRecord;
