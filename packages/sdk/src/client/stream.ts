import { setTimeout as sleep } from "node:timers/promises";

import { countLines, decodeLinesBulk } from "@assay/workflow/wire";
import { TRPCClientError } from "@trpc/client";

import {
  AssayError,
  ConnectionError,
  isTransientStatus,
  RemoteError,
  toAssayError,
} from "./errors";
import type { FetchPolicy } from "./fetch";
import { fetchStream } from "./fetch";
import { parseRetryAfter, retryDelayMs } from "./retry";

export interface StreamRequest<T> {
  /** The registry's base URL. */
  url: string;
  headers: Readonly<Record<string, string>>;
  policy: FetchPolicy;
  /** The stream's name: `model.inferences` is served at `/stream/model.inferences`. */
  name: string;
  input: object;
  /** The input that continues a broken stream after the last line received. */
  resume: (last: T) => object;
  maxRetries: number;
}

/**
 * The lines of an NDJSON stream, a batch at a time as they arrive: the server reads while this parses. A refused
 * request throws the contract's errors, as the tRPC call would; a connection that fails or breaks mid-stream is
 * reopened after the last line received, up to `maxRetries` times in a row, after the server's `Retry-After` when
 * it was busy.
 */
export async function* streamLines<T>(request: StreamRequest<T>): AsyncGenerator<T[]> {
  const { url, name, policy } = request;
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
      if (policy.signal?.aborted) throw policy.signal.reason;
      if (!retriable(error)) throw error;
      cause = error;
    }
    if (failures >= request.maxRetries) {
      throw cause instanceof RemoteError
        ? cause
        : new ConnectionError(
            `the ${name} stream from Assay at ${url} broke (${(cause as Error).message}); is the server running?`,
          );
    }
    const asked = cause instanceof BusyError ? cause.retryAfterMs : undefined;
    await sleep(asked ?? retryDelayMs(failures + 1), undefined, { signal: policy.signal });
  }
}

/** The server was busy (429, 502–504) and may have said when to come back. */
class BusyError extends RemoteError {
  constructor(
    message: string,
    status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, status);
  }
}

async function open<T>(request: StreamRequest<T>, input: object): Promise<Response> {
  const query = encodeURIComponent(JSON.stringify(input));
  const response = await fetchStream(
    request.policy,
    `${request.url}/stream/${request.name}?input=${query}`,
    { headers: request.headers },
  );
  if (response.ok && response.body) return response;
  const body: unknown = await response.json().catch(() => null);
  const refusal = TRPCClientError.from(
    isErrorResponse(body) ? body : new Error(`HTTP ${response.status} ${response.statusText}`),
    { meta: { response } },
  );
  const error = toAssayError(refusal, request.url);
  if (!(error instanceof RemoteError)) throw error;
  const remote = isTransientStatus(response.status)
    ? new BusyError(
        error.message,
        response.status,
        parseRetryAfter(response.headers.get("retry-after")),
      )
    : new RemoteError(error.message, response.status);
  if (error.requestId !== undefined) remote.requestId = error.requestId;
  throw remote;
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
