import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { z } from "zod";

import {
  authenticateToken,
  createSession,
  deleteSession,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
} from "../services/auth";
import { publicProcedure, readProcedure } from "../trpc";

const CallerInfo = z.object({ tokenName: z.string(), scope: z.enum(["read", "write", "admin"]) });

/** Web sign-in: a token becomes an HttpOnly, SameSite=Strict session cookie. */
export const authRouter = {
  signIn: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .output(CallerInfo)
    .mutation(({ ctx, input }) => {
      const caller = authenticateToken(ctx.db, input.token.trim());
      if (!caller) {
        ctx.authFailed?.();
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "that token is not valid (or was revoked)",
        });
      }
      ctx.cookies.set(SESSION_COOKIE, createSession(ctx.db, caller.tokenId), {
        maxAgeSeconds: SESSION_MAX_AGE_SECONDS,
      });
      return { tokenName: caller.tokenName, scope: caller.scope };
    }),
  signOut: publicProcedure.mutation(({ ctx }) => {
    const session = readCookie(ctx.cookieHeader, SESSION_COOKIE);
    if (session) deleteSession(ctx.db, session);
    ctx.cookies.clear(SESSION_COOKIE);
    return { ok: true };
  }),
  me: readProcedure
    .output(CallerInfo)
    .query(({ ctx }) => ({ tokenName: ctx.caller.tokenName, scope: ctx.caller.scope })),
} satisfies TRPCRouterRecord;

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
