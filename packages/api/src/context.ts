import type { IncomingMessage, ServerResponse } from "node:http";

import type { DB } from "@assay/db";
import { TRPCError } from "@trpc/server";
import type { TRPCRequestInfo } from "@trpc/server/http";

import { readCookie } from "./routers/auth";
import { authenticateSession, authenticateToken, SESSION_COOKIE } from "./services/auth";
import type { AuthThrottle } from "./services/auth-throttle";
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

/** Whether a request presents a credential at all: a bearer token or a session cookie. */
function hasCredentials(headers: IncomingMessage["headers"]): boolean {
  return Boolean(headers.authorization) || readCookie(headers.cookie, SESSION_COOKIE) !== undefined;
}

/** How the server reads HTTP requests: where it is served, whether through a proxy, and its throttle. */
export interface HttpPolicy {
  /** Counts failed authentications per client address; null turns it off. */
  throttle?: AuthThrottle | null | undefined;
  /**
   * The server is reached through one reverse proxy, which appends the address it saw to X-Forwarded-For: that
   * last address is the client's. (Earlier ones are whatever the client sent, and could be forged.)
   */
  trustProxy?: boolean | undefined;
  /** The path prefix everything is served under ("" or "/assay"): session cookies are scoped to it. */
  basePath?: string | undefined;
}

/**
 * The address failed authentications are counted against (an IPv4-mapped IPv6 address as plain IPv4): the
 * socket's peer, or behind a trusted proxy the address that proxy forwarded.
 */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
  const forwarded = trustProxy ? lastForwarded(req.headers["x-forwarded-for"]) : undefined;
  const address = forwarded ?? req.socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

function lastForwarded(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join(",") : header;
  const last = text?.split(",").pop()?.trim();
  return last === "" ? undefined : last;
}

/** TOO_MANY_REQUESTS for an address that failed to authenticate too often; says when to try again. */
export class AuthThrottled extends TRPCError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super({
      code: "TOO_MANY_REQUESTS",
      message: `too many failed authentications from this address; retry after ${seconds} s`,
    });
    this.name = "AuthThrottled";
    this.retryAfterSeconds = seconds;
  }
}

/**
 * Who an HTTP request is from, as `authenticate`, counting each credential that fails against the client's
 * address. An address over the throttle's limit gets `AuthThrottled` (and, when `res` is given, a Retry-After
 * header) before its credentials are looked at; requests without credentials pass and are not counted.
 * `signsIn`: the request also carries a token to sign in with, so it counts as carrying a credential.
 */
export function authenticateRequest(
  db: DB,
  req: IncomingMessage,
  policy: HttpPolicy = {},
  options: { res?: ServerResponse | undefined; signsIn?: boolean } = {},
): Caller | null {
  const { throttle } = policy;
  const credentials = hasCredentials(req.headers);
  if (!throttle || !(credentials || options.signsIn)) return authenticate(db, req.headers);
  const address = clientAddress(req, policy.trustProxy);
  const waitMs = throttle.retryAfterMs(address);
  if (waitMs > 0) {
    const error = new AuthThrottled(waitMs);
    if (options.res && !options.res.headersSent)
      options.res.setHeader("Retry-After", String(error.retryAfterSeconds));
    throw error;
  }
  const caller = authenticate(db, req.headers);
  if (!caller && credentials) throttle.recordFailure(address);
  return caller;
}

/** The procedure that takes a token in its input: its failures are counted like a bad bearer token. */
const SIGN_IN_PATH = "auth.signIn";

/** Builds each HTTP request's context; with a throttle, refuses addresses that failed to authenticate too often. */
export function createHttpContextFactory(
  db: DB,
  options: HttpPolicy & Pick<Context, "preparer" | "writer" | "reader" | "jobs"> = {},
) {
  return ({
    req,
    res,
    info,
  }: {
    req: IncomingMessage;
    res: ServerResponse;
    info?: TRPCRequestInfo;
  }): Context => {
    const secure =
      (req.socket as { encrypted?: boolean }).encrypted === true ||
      req.headers["x-forwarded-proto"] === "https";
    const signIns = info?.calls.filter((call) => call.path === SIGN_IN_PATH).length ?? 0;
    // A batch of sign-ins would try many tokens in one request, past the throttle: one per request.
    if (signIns > 1) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "sign in once per request" });
    }
    return {
      db,
      caller: authenticateRequest(db, req, options, { res, signsIn: signIns > 0 }),
      cookies: responseCookies(res, secure, options.basePath),
      cookieHeader: req.headers.cookie,
      secure,
      preparer: options.preparer,
      writer: options.writer,
      reader: options.reader,
      jobs: options.jobs,
      authFailed: options.throttle
        ? () => options.throttle?.recordFailure(clientAddress(req, options.trustProxy))
        : undefined,
    };
  };
}

function responseCookies(res: ServerResponse, secure: boolean, basePath = ""): CookieJar {
  const append = (cookie: string) => {
    const existing = res.getHeader("set-cookie");
    const list = Array.isArray(existing)
      ? existing
      : existing === undefined
        ? []
        : [String(existing)];
    res.setHeader("set-cookie", [...list, cookie]);
  };
  const attributes = `Path=${basePath || "/"}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
  return {
    set: (name, value, { maxAgeSeconds }) =>
      append(`${name}=${value}; Max-Age=${maxAgeSeconds}; ${attributes}`),
    clear: (name) => append(`${name}=; Max-Age=0; ${attributes}`),
  };
}
