import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";

import type { HttpPolicy } from "@assay/api";
import { authenticateRequest, errorResponse, openStream } from "@assay/api";
import type { DB } from "@assay/db";

import { sendJson, setSecurityHeaders } from "./security";

/**
 * `GET /stream/<name>?input=<json>`: an NDJSON stream (see `@assay/api` streams). Chunks are written as they are
 * read, waiting for the socket to drain so a slow client holds at most a few chunks of the server's memory, and
 * yielding between chunks so other requests are served while a long stream runs. A failure after the first byte
 * breaks the connection: the chunked encoding is then never terminated, so the client cannot mistake a cut
 * stream for a whole one.
 */
export async function serveStream(
  db: DB,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: (line: string) => void,
  policy: HttpPolicy = {},
): Promise<void> {
  setSecurityHeaders(res);
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return sendJson(res, 405, { error: { message: "streams are read with GET" } });
  }
  const name = decodeURIComponent(url.pathname.slice("/stream/".length));
  let chunks: Iterator<string>;
  let first: IteratorResult<string>;
  try {
    const caller = authenticateRequest(db, req, policy, { res });
    chunks = openStream(db, caller, name, url.searchParams.get("input"));
    first = chunks.next();
  } catch (error) {
    const { status, body } = errorResponse(error);
    if (status >= 500) log(`error in stream ${name}: ${(error as Error).stack ?? String(error)}`);
    return sendJson(res, status, body);
  }
  res.writeHead(200, {
    "Content-Type": "application/x-ndjson; charset=utf-8",
    "Cache-Control": "no-store",
  });
  try {
    for (let chunk = first; !chunk.done; chunk = chunks.next()) {
      if (res.destroyed) return;
      if (!res.write(chunk.value)) await drained(res);
      else await nextTurn();
    }
    res.end();
  } catch (error) {
    log(`error in stream ${name}: ${(error as Error).stack ?? String(error)}`);
    res.destroy();
  }
}

/** Resolves when the socket takes more, or when it closes (a client that went away never drains). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
