/** How a client sends requests: its `fetch`, how long one may take, and what aborts them all. */
export interface FetchPolicy {
  fetch: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * `fetch` with the client's policy on every request: aborted after `timeoutMs` (the answer read included) or when
 * the client's signal fires, besides any signal of the request itself.
 */
export function requestFetch(policy: FetchPolicy): typeof fetch {
  return (input, init) =>
    policy.fetch(input, {
      ...init,
      signal: anySignal(AbortSignal.timeout(policy.timeoutMs), policy.signal, init?.signal),
    });
}

/**
 * Starts a long download (a stream): the timeout covers the wait until it starts answering, not the reading of
 * an answer that may rightly take minutes; the client's signal covers both.
 */
export async function fetchStream(
  policy: FetchPolicy,
  url: string,
  init: RequestInit,
): Promise<Response> {
  const started = new AbortController();
  const timer = setTimeout(
    () =>
      started.abort(new DOMException(`no answer within ${policy.timeoutMs} ms`, "TimeoutError")),
    policy.timeoutMs,
  );
  try {
    return await policy.fetch(url, { ...init, signal: anySignal(started.signal, policy.signal) });
  } finally {
    clearTimeout(timer);
  }
}

function anySignal(...signals: (AbortSignal | null | undefined)[]): AbortSignal {
  const present = signals.filter((signal): signal is AbortSignal => Boolean(signal));
  return present.length === 1 ? (present[0] as AbortSignal) : AbortSignal.any(present);
}
