import type { IncomingMessage, ServerResponse } from "node:http";

import type { DB } from "@assay/db";

import { readCookie } from "./routers/auth";
import { authenticateSession, authenticateToken, SESSION_COOKIE } from "./services/auth";
import type { EditPreparer } from "./services/edit-prepare";
import type { Caller, Context, CookieJar } from "./trpc";

/** Who a request is from: a bearer token, else a session cookie, else nobody. */
export function authenticate(db: DB, headers: IncomingMessage["headers"]): Caller | null {
  const authorization = headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ? authenticateToken(db, match[1]) : null;
  }
  const session = readCookie(headers.cookie, SESSION_COOKIE);
  return session ? authenticateSession(db, session) : null;
}

/** Builds each HTTP request's context. */
export function createHttpContextFactory(db: DB, options: { preparer?: EditPreparer } = {}) {
  return ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Context => {
    const secure =
      (req.socket as { encrypted?: boolean }).encrypted === true ||
      req.headers["x-forwarded-proto"] === "https";
    return {
      db,
      caller: authenticate(db, req.headers),
      cookies: responseCookies(res, secure),
      cookieHeader: req.headers.cookie,
      secure,
      preparer: options.preparer,
    };
  };
}

function responseCookies(res: ServerResponse, secure: boolean): CookieJar {
  const append = (cookie: string) => {
    const existing = res.getHeader("set-cookie");
    const list = Array.isArray(existing)
      ? existing
      : existing === undefined
        ? []
        : [String(existing)];
    res.setHeader("set-cookie", [...list, cookie]);
  };
  const attributes = `Path=/; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
  return {
    set: (name, value, { maxAgeSeconds }) =>
      append(`${name}=${value}; Max-Age=${maxAgeSeconds}; ${attributes}`),
    clear: (name) => append(`${name}=; Max-Age=0; ${attributes}`),
  };
}
