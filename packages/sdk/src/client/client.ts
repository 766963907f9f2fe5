import type { AppRouter } from "@assay/api";
import { decodeLinesBulk, transformer } from "@assay/workflow";
import type { JsonValue, LinesPage } from "@assay/workflow";
import type { TRPCClient } from "@trpc/client";
import { createTRPCClient, httpLink, retryLink, TRPCClientError } from "@trpc/client";

import { isTransientStatus, toAssayError } from "./errors";
import { streamLines } from "./stream";

export interface ClientOptions {
  /** Where the registry is. @default process.env.ASSAY_URL ?? "http://localhost:8080" */
  url?: string | undefined;
  /** A token made with `assay token create`. @default process.env.ASSAY_TOKEN */
  token?: string | undefined;
  /** How many times a failed idempotent call is retried (with backoff). @default 3 */
  maxRetries?: number | undefined;
}

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

/** Failures worth another try: no response at all, or the server saying it is busy or restarting. */
function isTransient(error: TRPCClientError<AppRouter>): boolean {
  return isTransientStatus((error.data as { httpStatus?: number } | undefined)?.httpStatus);
}

/** A connection to one Assay registry. */
export class AssayClient {
  readonly url: string;
  readonly trpc: TRPCClient<AppRouter>;
  private readonly headers: Record<string, string>;
  private readonly maxRetries: number;

  constructor(options: ClientOptions = {}) {
    this.url = (options.url ?? process.env.ASSAY_URL ?? "http://localhost:8080").replace(
      /\/+$/,
      "",
    );
    const token = options.token ?? process.env.ASSAY_TOKEN;
    const maxRetries = options.maxRetries ?? 3;
    this.maxRetries = maxRetries;
    this.headers = {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      "x-trpc-source": "assay-sdk",
    };
    this.trpc = createTRPCClient<AppRouter>({
      links: [
        retryLink({
          retry: ({ op, error, attempts }) =>
            attempts <= maxRetries &&
            isTransient(error) &&
            (op.type === "query" || IDEMPOTENT_MUTATIONS.has(op.path)),
          retryDelayMs,
        }),
        httpLink({
          url: `${this.url}/trpc`,
          transformer,
          // Everything as POST: page queries can carry thousands of ids, too long for a URL.
          methodOverride: "POST",
          headers: () => this.headers,
        }),
      ],
    });
  }

  /** Runs one API call and turns its failure into Assay's error classes. */
  async call<T>(fn: (trpc: TRPCClient<AppRouter>) => Promise<T>): Promise<T> {
    try {
      return await fn(this.trpc);
    } catch (error) {
      throw toAssayError(error, this.url);
    }
  }

  /** Every item of a cursor-paged list procedure, page after page. */
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
   */
  stream<T>(name: string, input: object, resume: (last: T) => object): AsyncGenerator<T[]> {
    return streamLines({
      url: this.url,
      headers: this.headers,
      name,
      input,
      resume,
      maxRetries: this.maxRetries,
      retryDelayMs,
    });
  }
}

/** Exponential backoff with jitter, so clients retrying together do not arrive together. */
function retryDelayMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.25);
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

export { TRPCClientError };
