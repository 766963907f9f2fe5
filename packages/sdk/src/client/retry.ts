import type { TRPCClientError } from "@trpc/client";

import { isTransientStatus } from "./errors";

/**
 * Whether a failed call is worth another try: no answer at all (a refused or reset connection, a timeout), or
 * the server saying it is busy or restarting. A refusal (4xx other than 429) will not change.
 */
export function shouldRetry(error: TRPCClientError<never>): boolean {
  return isTransientStatus((error.data as { httpStatus?: number } | undefined)?.httpStatus);
}

/** How long the server asked to wait before the next try (its `Retry-After`, seconds or a date), if it did. */
export function retryAfterMs(error: TRPCClientError<never>): number | undefined {
  const response = (error.meta as { response?: Response } | undefined)?.response;
  return parseRetryAfter(response?.headers.get("retry-after"));
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}

/** The longest a server's `Retry-After` is followed (a longer wait is capped to it). */
const MAX_RETRY_AFTER_MS = 120_000;

/** Exponential backoff with jitter, so clients retrying together do not arrive together. */
export function retryDelayMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.25);
}
