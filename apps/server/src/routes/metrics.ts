import type { IncomingMessage, ServerResponse } from "node:http";

import type { HttpPolicy } from "@assay/api";
import { authenticateRequest } from "@assay/api";
import type { DB } from "@assay/db";

import type { ServerMetrics } from "../observability/metrics";
import { sendText, setSecurityHeaders } from "./security";

/**
 * `GET /metrics`: the server's metrics in Prometheus's text format, for any valid token (a scraper is given a
 * read token: `Authorization: Bearer …` in its scrape config). They say how busy the server is and how large the
 * store has grown, which is not for anyone who can reach the port.
 */
export async function serveMetrics(
  db: DB,
  metrics: ServerMetrics,
  req: IncomingMessage,
  res: ServerResponse,
  policy: HttpPolicy,
): Promise<void> {
  setSecurityHeaders(res);
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return sendText(res, 405, "metrics are read with GET\n");
  }
  if (!authenticateRequest(db, req, policy, { res })) {
    res.setHeader("WWW-Authenticate", 'Bearer realm="assay"');
    return sendText(res, 401, "a valid token is required (Authorization: Bearer …)\n");
  }
  const { contentType, body } = await metrics.render();
  res.writeHead(200, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
