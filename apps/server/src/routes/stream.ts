import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";

import type { HttpPolicy } from "@assay/api";
import { authenticateRequest, errorResponse, openStream } from "@assay/api";
import type { DB } from "@assay/db";
import { TRPCError } from "@trpc/server";

import type { Logger } from "../observability/logger";
import { sendJson, setSecurityHeaders } from "./security";
import { StreamGate } from "./stream-gate";

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
  log: Logger,
  policy: HttpPolicy = {},
  gate: StreamGate = new StreamGate(Infinity, Infinity),
  stallMs = 30_000,
): Promise<void> {
  setSecurityHeaders(res);
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return sendJson(res, 405, { error: { message: "streams are read with GET" } });
  }
  const name = url.pathname.slice("/stream/".length);
  let chunks: Iterator<string | Uint8Array>;
  let first: IteratorResult<string | Uint8Array>;
  let leave: (() => void) | null = null;
  try {
    const caller = authenticateRequest(db, req, policy, { res });
    chunks = openStream(db, caller, name, url.searchParams.get("input"));
    // The caller is known (openStream refused anyone else): a place among the streams, or 429.
    leave = gate.enter((caller as NonNullable<typeof caller>).tokenId);
    if (!leave) {
      res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `too many streams open (at most ${gate.perToken} per token and ${gate.total} in all); retry shortly`,
      });
    }
    first = chunks.next();
  } catch (error) {
    leave?.();
    const { status, body } = errorResponse(error);
    if (status >= 500) log.error({ err: error, stream: name }, "stream failed");
    return sendJson(res, status, body);
  }
  res.once("close", leave);
  res.writeHead(200, {
    "Content-Type": "application/x-ndjson; charset=utf-8",
    "Cache-Control": "no-store",
  });
  try {
    for (let chunk = first; !chunk.done; chunk = chunks.next()) {
      if (res.destroyed) return;
      if (!res.write(chunk.value) && !(await drained(res, stallMs))) {
        // A reader that takes nothing for this long holds a place and memory: it is cut, and resumes later.
        res.destroy();
        return;
      }
      await nextTurn();
    }
    res.end();
  } catch (error) {
    log.error({ err: error, stream: name }, "stream failed after its first chunk");
    res.destroy();
  }
}

/**
 * Resolves true when the socket takes more, or when it closes (a client that went away never drains); false when
 * it took nothing for `stallMs`.
 */
function drained(res: ServerResponse, stallMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off("drain", onDrain);
      res.off("close", onDrain);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const timer = setTimeout(() => done(false), stallMs);
    res.on("drain", onDrain);
    res.on("close", onDrain);
  });
}

/** What a refused stream is told to wait before it tries again. */
const RETRY_AFTER_SECONDS = 2;
