import type { JsonValue } from "@assay/workflow";
import type { LinesPage } from "@assay/workflow/wire";
import { decodeLinesBulk, transformer } from "@assay/workflow/wire";
import type { TRPCClient } from "@trpc/client";
import { createTRPCClient, httpLink, retryLink } from "@trpc/client";

import type { AppRouter } from "./app-router.gen";
import { UnauthenticatedError, toAssayError } from "./errors";
import type { FetchPolicy } from "./fetch";
import { requestFetch } from "./fetch";
import { retryAfterMs, retryDelayMs, shouldRetry } from "./retry";
import { streamLines } from "./stream";

export interface ClientOptions {
  /** Where the registry is. @default process.env.ASSAY_URL ?? "http://localhost:8080" */
  url?: string | undefined;
  /** A token made with `assay-server token create`. @default process.env.ASSAY_TOKEN */
  token?: string | undefined;
  /**
   * How many times a failed call that is safe to repeat is tried again: no answer, a timeout, or the server
   * busy (429, 502–504), waiting as its `Retry-After` says or else backing off. @default 3
   */
  maxRetries?: number | undefined;
  /** The longest one HTTP request may take, in milliseconds (for a stream: until it starts). @default 600000 */
  timeout?: number | undefined;
  /** Aborts every request of this client, and what waits on them, when it fires. */
  signal?: AbortSignal | undefined;
  /** The `fetch` to send requests with (a proxy agent, instrumentation). @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request, besides the token (a proxy's credentials, tracing). */
  headers?: Record<string, string> | undefined;
  /**
   * Told how long operations advance: samples inferred by `test()`, samples uploaded by a test case edit. `total`
   * is undefined while it is not known (inference learns it only at the end).
   */
  onProgress?: ((done: number, total: number | undefined) => void) | undefined;
}

/** @see ClientOptions.timeout */
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Mutations that are safe to send twice: retrying them after a lost response cannot duplicate anything.
 * (Queries are always safe.) A batch of an edit carries its sequence number, so a resent one is skipped; a commit
 * asked again answers with the versions it made.
 */
const IDEMPOTENT_MUTATIONS = new Set([
  "workflow.register",
  "model.update",
  "testCase.appendEdit",
  "testCase.commitEdit",
  "testCase.abortEdit",
  "testRun.createOrRetrieve",
  "testRun.status",
  "testRun.uploadSampleMetrics",
  "testRun.uploadTestCaseResults",
  "testRun.uploadTestSuiteMetrics",
]);

/**
 * A connection to one Assay registry. Its members that speak the API itself (`trpc`, `call`, `pages`, …) are the
 * SDK's own, marked internal: they are left out of the published types, which so never reach tRPC's or the
 * server's.
 */
export class AssayClient {
  readonly url: string;
  /** @internal */
  readonly trpc: TRPCClient<AppRouter>;
  /** What every request sends: the token, the caller's headers, and which client this is. @internal */
  readonly headers: Readonly<Record<string, string>>;
  readonly onProgress: ClientOptions["onProgress"];
  /** How requests are sent: `fetch`, the timeout, the signal that aborts them. */
  private readonly policy: FetchPolicy;
  private readonly token: string | undefined;
  private readonly maxRetries: number;

  constructor(options: ClientOptions = {}) {
    this.url = (options.url ?? process.env.ASSAY_URL ?? "http://localhost:8080").replace(
      /\/+$/,
      "",
    );
    this.token = options.token ?? process.env.ASSAY_TOKEN;
    const maxRetries = options.maxRetries ?? 3;
    this.maxRetries = maxRetries;
    this.onProgress = options.onProgress;
    this.headers = {
      ...options.headers,
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      "x-trpc-source": "assay-sdk",
    };
    this.policy = {
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
    };
    // retryLink asks `retry` and then, at once, `retryDelayMs` about the same failure (in one synchronous step),
    // so the delay can follow the Retry-After of the answer `retry` just saw.
    let serverDelayMs: number | undefined;
    this.trpc = createTRPCClient<AppRouter>({
      links: [
        retryLink({
          retry: ({ op, error, attempts }) => {
            serverDelayMs = retryAfterMs(error);
            return (
              attempts <= maxRetries &&
              !options.signal?.aborted &&
              shouldRetry(error) &&
              (op.type === "query" || IDEMPOTENT_MUTATIONS.has(op.path))
            );
          },
          retryDelayMs: (attempt) => serverDelayMs ?? retryDelayMs(attempt),
        }),
        httpLink({
          url: `${this.url}/trpc`,
          transformer,
          // Everything as POST: page queries can carry thousands of ids, too long for a URL.
          methodOverride: "POST",
          headers: () => this.headers,
          fetch: requestFetch(this.policy),
        }),
      ],
    });
  }

  /** Runs one API call and turns its failure into Assay's error classes. @internal */
  async call<T>(fn: (trpc: TRPCClient<AppRouter>) => Promise<T>): Promise<T> {
    this.requireToken();
    try {
      return await fn(this.trpc);
    } catch (error) {
      // Aborted by the caller: their signal's reason, not a failure of the server.
      if (this.policy.signal?.aborted) throw this.policy.signal.reason;
      throw toAssayError(error, this.url);
    }
  }

  /** Every item of a cursor-paged list procedure, page after page. @internal */
  async listAll<T>(
    fetch: (
      trpc: TRPCClient<AppRouter>,
      cursor: string | null,
    ) => Promise<{ items: T[]; nextCursor: string | null }>,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: T[]; nextCursor: string | null } = await this.call((trpc) =>
        fetch(trpc, cursor),
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items;
  }

  /**
   * Every line of a paged procedure, page by page, fetching the next page while the caller works on the current
   * one. Only two pages are held at a time, however long the data.
   * @internal
   */
  async *pages(
    fetch: (trpc: TRPCClient<AppRouter>, cursor: string | null) => Promise<LinesPage>,
  ): AsyncGenerator<JsonValue[]> {
    let next: Promise<LinesPage> | null = this.call((trpc) => fetch(trpc, null));
    while (next) {
      const page: LinesPage = await next;
      next = page.nextCursor === null ? null : this.call((trpc) => fetch(trpc, page.nextCursor));
      // An abandoned prefetch must not surface as an unhandled rejection.
      next?.catch(() => undefined);
      yield decodeLinesBulk(page.lines, page.count);
    }
  }

  /**
   * The lines of a server stream (`GET /stream/<name>`), a batch at a time as they arrive; a broken stream is
   * reopened with `resume(lastLine)` as its input.
   * @internal
   */
  stream<T>(name: string, input: object, resume: (last: T) => object): AsyncGenerator<T[]> {
    this.requireToken();
    return streamLines({
      url: this.url,
      headers: this.headers,
      policy: this.policy,
      name,
      input,
      resume,
      maxRetries: this.maxRetries,
    });
  }

  /** Fails before any request when there is no token to send: the server would only refuse it. */
  private requireToken(): void {
    if (this.token) return;
    throw new UnauthenticatedError(
      `no token: set ASSAY_TOKEN (or initialize({ token })) to a token made with \`assay-server token create\`, to call Assay at ${this.url}`,
    );
  }
}

let current: AssayClient | undefined;

/** Sets the connection the SDK uses; without it, the SDK reads ASSAY_URL and ASSAY_TOKEN on first use. */
export function initialize(options: ClientOptions = {}): AssayClient {
  current = new AssayClient(options);
  return current;
}

export function getClient(): AssayClient {
  current ??= new AssayClient();
  return current;
}
