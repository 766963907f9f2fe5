import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import { pinoHttp } from "pino-http";

import type { Logger } from "./logger";
import type { ServerMetrics } from "./metrics";

/** An X-Request-Id a client or proxy sent that is kept as is: short, and nothing a log line would mangle. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Paths probed many times a minute: counted, but a line each would drown the log. */
const QUIET_ROUTES = new Set(["/healthz", "/metrics"]);

/**
 * Starts watching one request: it gets a request id (the client's X-Request-Id when it sent a sensible one, else
 * a new one), returned in the X-Request-Id header and on every log line about it, which says how it ended
 * (method, path without the query, status, time) once it does; its route is counted in `metrics`.
 */
export function requestObserver(
  logger: Logger,
  metrics: ServerMetrics | null,
  routeOf: (req: IncomingMessage) => string,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Each request's route, worked out once for both the log's filter and the metrics.
  const routes = new WeakMap<IncomingMessage, string>();
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const sent = req.headers["x-request-id"];
      const id = typeof sent === "string" && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    quietReqLogger: true,
    wrapSerializers: false,
    // Method and path only: headers hold tokens and cookies, and queries can be long.
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        method: req.method,
        path: (req.url ?? "").split("?")[0],
      }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
    // One message for every answered request, its level saying how it went. pino-http makes up an error for a
    // 5xx ("failed with status code 500", with its own stack): the route's own error line says what broke.
    customSuccessMessage: () => "request completed",
    customErrorMessage: () => "request completed",
    customErrorObject: (_req, _res, error, loggable: Record<string, unknown>) =>
      error.message.startsWith("failed with status code")
        ? { ...loggable, err: undefined }
        : loggable,
    autoLogging: { ignore: (req) => QUIET_ROUTES.has(routes.get(req) ?? "") },
  });
  return (req, res) => {
    const started = process.hrtime.bigint();
    const route = routeOf(req);
    routes.set(req, route);
    httpLogger(req, res);
    if (metrics) {
      res.once("close", () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.observe(route, req.method ?? "", res.statusCode, seconds);
      });
    }
  };
}
