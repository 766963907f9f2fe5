import { setTimeout as sleep } from "node:timers/promises";

import { countLines, decodeLinesBulk } from "@assay/workflow";
import { TRPCClientError } from "@trpc/client";

import { AssayError, isTransientStatus, RemoteError, toAssayError } from "./errors";

export interface StreamRequest<T> {
  /** The registry's base URL. */
  url: string;
  headers: Record<string, string>;
  /** The stream's name: `model.inferences` is served at `/stream/model.inferences`. */
  name: string;
  input: object;
  /** The input that continues a broken stream after the last line received. */
  resume: (last: T) => object;
  maxRetries: number;
  retryDelayMs: (attempt: number) => number;
}

/**
 * The lines of an NDJSON stream, a batch at a time as they arrive: the server reads while this parses. A refused
 * request throws the contract's errors, as the tRPC call would; a connection that fails or breaks mid-stream is
 * reopened after the last line received, up to `maxRetries` times in a row.
 */
export async function* streamLines<T>(request: StreamRequest<T>): AsyncGenerator<T[]> {
  const { url, name } = request;
  let input = request.input;
  for (let failures = 0; ; failures++) {
    let cause: unknown;
    try {
      const response = await open(request, input);
      const decoder = new TextDecoder();
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let rest = "";
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          const text = rest + decoder.decode(read.value, { stream: true });
          const end = text.lastIndexOf("\n");
          if (end === -1) {
            rest = text;
            continue;
          }
          rest = text.slice(end + 1);
          const complete = text.slice(0, end);
          const lines = decodeLinesBulk(complete, countLines(complete)) as T[];
          input = request.resume(lines[lines.length - 1] as T);
          failures = 0;
          yield lines;
        }
      } finally {
        // A caller that stops early closes the connection, and the server stops reading.
        reader.cancel().catch(() => undefined);
      }
      if (rest.trim() !== "") throw new Error("the stream ended inside a line");
      return;
    } catch (error) {
      if (!retriable(error)) throw error;
      cause = error;
    }
    if (failures >= request.maxRetries) {
      throw cause instanceof RemoteError
        ? cause
        : new RemoteError(
            `the ${name} stream from Assay at ${url} broke (${(cause as Error).message}); is the server running?`,
          );
    }
    await sleep(request.retryDelayMs(failures + 1));
  }
}

async function open<T>(request: StreamRequest<T>, input: object): Promise<Response> {
  const query = encodeURIComponent(JSON.stringify(input));
  const response = await fetch(`${request.url}/stream/${request.name}?input=${query}`, {
    headers: request.headers,
  });
  if (response.ok && response.body) return response;
  const body: unknown = await response.json().catch(() => null);
  const refusal = TRPCClientError.from(
    isErrorResponse(body) ? body : new Error(`HTTP ${response.status} ${response.statusText}`),
  );
  const error = toAssayError(refusal, request.url);
  throw error instanceof RemoteError ? new RemoteError(error.message, response.status) : error;
}

/** No answer, a cut stream, or the server busy or restarting: worth another try. A refusal is not. */
function retriable(error: unknown): boolean {
  if (error instanceof RemoteError) return isTransientStatus(error.status);
  return !(error instanceof AssayError);
}

function isErrorResponse(body: unknown): body is { error: { message: string; code: number } } {
  const error = (body as { error?: { message?: unknown; code?: unknown } } | null)?.error;
  return typeof error?.message === "string" && typeof error.code === "number";
}
