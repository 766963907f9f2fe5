import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

import type {
  AuthThrottleOptions,
  BulkWriter,
  ComparisonReader,
  EditPreparer,
  HttpPolicy,
} from "@assay/api";
import {
  appRouter,
  AuthThrottle,
  createHttpContextFactory,
  errorResponse,
  failureResponseMeta,
} from "@assay/api";
import type { DB } from "@assay/db";
import { InputValidationError } from "@assay/workflow";
import { TRPCError } from "@trpc/server";
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";

import type { AdmissionTicket } from "./admission";
import { Admission } from "./admission";
import type { Logger } from "./observability/logger";
import { createLogger } from "./observability/logger";
import { routeOf, ServerMetrics } from "./observability/metrics";
import { requestObserver } from "./observability/requests";
import { serveAsset } from "./routes/assets";
import { serveMetrics } from "./routes/metrics";
import { sendJson, sendText, setSecurityHeaders } from "./routes/security";
import { serveWebApp } from "./routes/static";
import { serveStream } from "./routes/stream";
import type { StreamLimits } from "./routes/stream-gate";
import { StreamGate } from "./routes/stream-gate";

export interface ServerOptions {
  db: DB;
  /** Folders the asset proxy may serve local files from. */
  dataRoots?: readonly string[];
  /** The built web UI; defaults to the copy inside this package (`web/`, made by its build). */
  webRoot?: string | null;
  /** Requests with a larger body get 413. @default 64 MiB */
  maxBodyBytes?: number;
  /**
   * The log: a line per request (its id, method, path, status and time) and per error. Never given request
   * headers or bodies, so tokens stay out of it. @default JSON lines on standard error, at level info
   */
  logger?: Logger;
  /** Serve `GET /metrics` (Prometheus) to any valid token. @default true */
  metrics?: boolean;
  /** Where edit batches are validated and hashed (a thread of its own when served from the CLI). */
  preparer?: EditPreparer;
  /** Where the store's heavy writes run (a thread of its own when served from the CLI). */
  writer?: BulkWriter;
  /** Where comparisons are computed (a thread of its own when served from the CLI). */
  reader?: ComparisonReader;
  /** The job runner, woken when a job is queued. Without one, jobs wait for a server that has one. */
  jobs?: { wake(): void };
  /**
   * Failed authentications (a bearer token, session cookie or sign-in token that does not authenticate) an
   * address may make per window before its credentials get 429 until the window clears; `false` turns it off.
   * @default { limit: 10, windowMs: 60_000 }
   */
  authThrottle?: AuthThrottleOptions | false;
  /** Serve everything under this path prefix ("/assay"); see `normalizeBasePath`. @default "" */
  basePath?: string;
  /** Reached through one reverse proxy: the client's address is the last of X-Forwarded-For. @default false */
  trustProxy?: boolean;
  /** How many bulk requests are worked on at once; more wait their turn. @default DEFAULT_BULK_CONCURRENCY */
  bulkConcurrency?: number;
  /** How many streams are sent at once, and how long one may stall (see StreamGate). */
  streams?: StreamLimits;
}

/** The web UI the package's build copies beside `dist/` (and `src/`). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../web", import.meta.url));
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The Assay HTTP server: `/trpc`, `/stream`, `/healthz`, `/assets` and the web UI, in one process. */
export function createAssayServer(options: ServerOptions): Server {
  const {
    db,
    dataRoots = [],
    webRoot = DEFAULT_WEB_ROOT,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  } = options;
  const logger = options.logger ?? createLogger();
  const basePath = normalizeBasePath(options.basePath ?? "");
  const policy: HttpPolicy = {
    throttle: options.authThrottle === false ? null : new AuthThrottle(options.authThrottle),
    trustProxy: options.trustProxy ?? false,
    basePath,
  };
  const httpContext = createHttpContextFactory(db, {
    ...policy,
    preparer: options.preparer,
    writer: options.writer,
    reader: options.reader,
    jobs: options.jobs,
  });
  const admission = new Admission(options.bulkConcurrency ?? DEFAULT_BULK_CONCURRENCY);
  const streams = new StreamGate(options.streams?.total ?? 16, options.streams?.perToken ?? 4);
  const tickets = new WeakMap<IncomingMessage, AdmissionTicket>();
  const metrics = options.metrics === false ? null : new ServerMetrics({ db, streams, admission });
  const observe = requestObserver(logger, metrics, (req) => {
    try {
      const url = innerUrl(req.url ?? "/", basePath);
      return url ? routeOf(url.pathname) : "outside the base path";
    } catch {
      return "malformed";
    }
  });
  const createContext = (opts: Parameters<typeof httpContext>[0]) => ({
    ...httpContext(opts),
    admission: tickets.get(opts.req),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL | null;
    try {
      url = innerUrl(req.url ?? "/", basePath);
    } catch {
      setSecurityHeaders(res);
      return sendText(res, 400, "malformed URL\n");
    }
    if (!url) return outsideBasePath(req, res, basePath);
    if (url.pathname === "/healthz") return health(db, res);
    if (url.pathname === "/metrics" && metrics) return serveMetrics(db, metrics, req, res, policy);
    if (url.pathname === "/trpc" || url.pathname.startsWith("/trpc/")) {
      setSecurityHeaders(res);
      if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) {
        return sendJson(res, 413, {
          error: { message: `the request body is over ${maxBodyBytes} bytes` },
        });
      }
      const procedures = url.pathname.slice("/trpc/".length);
      if (procedures.split(",").some((path) => BULK_PROCEDURES.has(path))) {
        const ticket = await admission.enter();
        tickets.set(req, ticket);
        res.once("close", () => ticket.leave());
      }
      return nodeHTTPRequestHandler({
        req,
        res,
        router: appRouter,
        path: procedures,
        createContext,
        maxBodySize: maxBodyBytes,
        // Clients send queries as POST when their input is too long for a URL.
        allowMethodOverride: true,
        responseMeta: ({ errors }) => failureResponseMeta(errors),
        onError({ error, path }) {
          if (error.code === "INTERNAL_SERVER_ERROR")
            req.log.error({ err: error.cause ?? error, procedure: path }, "procedure failed");
        },
      });
    }
    if (url.pathname.startsWith("/stream/"))
      return serveStream(db, req, res, url, req.log, policy, streams, options.streams?.stallMs);
    if (url.pathname === "/assets") return serveAsset(db, dataRoots, req, res, url, policy);
    if (req.method !== "GET" && req.method !== "HEAD")
      return sendText(res, 405, "method not allowed\n");
    return serveWebApp(webRoot, basePath, req, res, url);
  };

  const server = createServer((req, res) => {
    observe(req, res);
    handle(req, res).catch((error: unknown) => {
      // Refusals thrown by a route (a throttled address) get their status and tRPC's error body.
      if (
        error instanceof TRPCError &&
        error.code !== "INTERNAL_SERVER_ERROR" &&
        !res.headersSent
      ) {
        const { status, body } = errorResponse(error);
        return sendJson(res, status, body);
      }
      req.log.error({ err: error }, "unexpected error");
      if (!res.headersSent) sendText(res, 500, "internal server error\n");
      else res.destroy();
    });
  });
  // Idle keep-alive connections live a minute, not Node's 5 s: an SDK whose process was busy in a slow, CPU-bound
  // infer for longer would otherwise send its next request on a socket the server has just closed.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000;
  return server;
}

const KEEP_ALIVE_MS = 60_000;

/** Procedures that carry bulk data (see Admission). */
const BULK_PROCEDURES = new Set([
  "testCase.edit",
  "testCase.appendEdit",
  "testRun.uploadInferences",
  "testRun.uploadSampleMetrics",
]);
/** How many bulk requests are worked on at once: one preparing, one writing, two ready for their turn. */
export const DEFAULT_BULK_CONCURRENCY = 4;

/**
 * A `--base-path` as the server uses it: "" for none, else one leading slash and no trailing one ("/assay").
 * Segments are URL-safe names (letters, digits, `.`, `_`, `~`, `-`; not `.` or `..`): the prefix goes into URLs
 * and into the page's `<base href>` as written.
 */
export function normalizeBasePath(value: string): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return "";
  const segments = trimmed.split("/");
  if (segments.some((part) => !/^[\w.~-]+$/.test(part) || part === "." || part === "..")) {
    throw new InputValidationError({
      path: "basePath",
      reason: `'${value}' is not a path prefix such as /assay (letters, digits, . _ ~ - and /)`,
    });
  }
  return `/${trimmed}`;
}

/**
 * The request's URL with the base path taken off, or null when it is outside the base path. Throws (a 400) when
 * the URL does not parse, or its path does not percent-decode (`%E0%A4%A`): no route is given a path it cannot
 * read.
 */
function innerUrl(raw: string, basePath: string): URL | null {
  const url = new URL(raw, "http://assay.invalid");
  decodeURIComponent(url.pathname);
  if (!basePath) return url;
  if (!url.pathname.startsWith(`${basePath}/`)) return null;
  url.pathname = url.pathname.slice(basePath.length);
  return url;
}

/** `/assay` itself is sent to `/assay/`; anything else outside the base path is not ours. */
function outsideBasePath(req: IncomingMessage, res: ServerResponse, basePath: string): void {
  const url = new URL(req.url ?? "/", "http://assay.invalid");
  if (url.pathname === basePath && (req.method === "GET" || req.method === "HEAD")) {
    res.writeHead(308, { Location: `${basePath}/${url.search}` });
    return void res.end();
  }
  sendText(res, 404, `not found: Assay is served under ${basePath}/\n`);
}

function health(db: DB, res: ServerResponse): void {
  try {
    db.$client.prepare("SELECT 1").get();
    sendJson(res, 200, { status: "ok" });
  } catch (error) {
    sendJson(res, 503, { status: "unavailable", reason: (error as Error).message });
  }
}

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops accepting connections and waits for requests in flight (up to `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

export async function startServer(
  options: ServerOptions & { host?: string; port?: number },
): Promise<RunningServer> {
  const server = createAssayServer(options);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        // A busy keep-alive connection is not idle, so closing idle ones does not end it: an uploading client would
        // go on sending requests on it until the grace ran out. Answers from now on close their connection.
        server.prependListener("request", (_req, res: ServerResponse) =>
          res.setHeader("Connection", "close"),
        );
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
