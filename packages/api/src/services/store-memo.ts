import type { DB } from "@assay/db";

interface Memo {
  state: () => string;
  entries: Map<string, unknown>;
}

const memos = new WeakMap<object, Memo>();

/**
 * Remembers values computed from the store (a suite-wide comparison) until the store changes, so the pages of
 * one answer cost one computation. "Changed" is exact: this connection's `total_changes()` moves with its own
 * writes, and `PRAGMA data_version` with any other connection's commits. At most `capacity` values are kept,
 * least recently used first out.
 */
export function memoized<V>(db: DB, key: string, compute: () => V, capacity = 4): V {
  const client = db.$client;
  let memo = memos.get(client);
  if (!memo) {
    const changes = client.prepare<[], number>("SELECT total_changes()").pluck();
    memo = {
      state: () => `${String(client.pragma("data_version", { simple: true }))}:${changes.get()}`,
      entries: new Map(),
    };
    memos.set(client, memo);
  }
  const full = `${memo.state()}\u0000${key}`;
  if (memo.entries.has(full)) {
    const value = memo.entries.get(full) as V;
    memo.entries.delete(full);
    memo.entries.set(full, value);
    return value;
  }
  const value = compute();
  memo.entries.set(full, value);
  for (const oldest of memo.entries.keys()) {
    if (memo.entries.size <= capacity) break;
    memo.entries.delete(oldest);
  }
  return value;
}
