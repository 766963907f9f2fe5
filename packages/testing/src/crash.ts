import { join } from "node:path";

import type { DB } from "@assay/db";
import { closeDatabase, openDatabase } from "@assay/db";
import type { ServerProcess } from "./server-process";
import { spawnServer } from "./server-process";
import { afterAll, beforeAll } from "vitest";

import { startServerProcess } from "./sdk-server";

/**
 * Simulates a crash: SIGKILL, then at once the same server again over the same store, on the same port and
 * with the same token, so SDK calls in flight see a dropped connection and their retries reach the new process.
 */
export async function crashAndRestart(
  server: ServerProcess,
): Promise<{ server: ServerProcess; downMs: number }> {
  const start = Date.now();
  await server.kill("SIGKILL");
  const next = await spawnServer([], { dir: server.dir, port: server.port, token: server.token });
  return { server: next, downMs: Date.now() - start };
}

/** A read-only connection to a server's store, for watching and checking it from outside the server. */
export class StoreReader {
  readonly db: DB;

  constructor(dir: string) {
    this.db = openDatabase(join(dir, "assay.db"), { readonly: true });
  }

  /** One number from a query (`count(*)`, …). */
  value(query: string, ...params: unknown[]): number {
    return this.db.$client
      .prepare(query)
      .pluck()
      .get(...params) as number;
  }

  rows<T>(query: string, ...params: unknown[]): T[] {
    return this.db.$client.prepare(query).all(...params) as T[];
  }

  /** The newest background job of the model named `model`, if any. */
  latestJob(
    model: string,
  ): { id: number; status: string; progress: number; attempts: number } | undefined {
    return this.rows<{ id: number; status: string; progress: number; attempts: number }>(
      `SELECT j.id, j.status, j.progress, j.attempts FROM jobs j JOIN test_runs r ON r.id = j.test_run_id
       JOIN models m ON m.id = r.model_id WHERE m.name = ? ORDER BY j.id DESC LIMIT 1`,
      model,
    )[0];
  }

  /** `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: "ok" and no rows on a sound store. */
  integrity(): { integrity: string; foreignKeyViolations: number } {
    const integrity = this.db.$client.pragma("integrity_check", { simple: true }) as string;
    const foreignKeyViolations = (this.db.$client.pragma("foreign_key_check") as unknown[]).length;
    return { integrity, foreignKeyViolations };
  }

  /**
   * What an edit left behind for a test case: edits still holding it, and member rows of a version that was
   * never committed (added or removed at a version above the latest).
   */
  leftovers(testCaseName: string): {
    openEdits: number;
    touchedRows: number;
    uncommittedMembers: number;
  } {
    const id = this.value("SELECT id FROM test_cases WHERE name = ?", testCaseName) as unknown;
    // A test case that was never committed is gone with its edit, and so is everything it staged.
    if (id === undefined || id === null)
      return { openEdits: 0, touchedRows: 0, uncommittedMembers: 0 };
    return {
      openEdits: this.value(
        "SELECT count(*) FROM test_case_edit_entries WHERE test_case_id = ?",
        id,
      ),
      touchedRows: this.value(
        "SELECT count(*) FROM test_case_edit_samples WHERE test_case_id = ?",
        id,
      ),
      uncommittedMembers: this.value(
        `SELECT count(*) FROM test_case_members m JOIN test_cases t ON t.id = m.test_case_id
         WHERE t.id = ? AND (m.added_version > t.latest_version OR m.removed_version > t.latest_version)`,
        id,
      ),
    };
  }

  close(): void {
    closeDatabase(this.db);
  }
}

/** Polls `probe` every `intervalMs` until `done` holds; returns the last value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  probe: () => T,
  done: (value: T) => boolean,
  { intervalMs = 10, timeoutMs = 60_000, what = "condition" } = {},
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (done(value)) return value;
    if (Date.now() - start > timeoutMs) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(value)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The real server in its own process for this test file, with the SDK pointed at it and a read-only view of its
 * store. `env.server` changes when a test crashes and restarts it (`env.crash()`).
 */
export function useServerWithStore() {
  const env = {
    server: undefined as unknown as ServerProcess,
    store: undefined as unknown as StoreReader,
    /** SIGKILL and restart on the same store and port; returns how long it was down. */
    async crash(): Promise<number> {
      const restarted = await crashAndRestart(env.server);
      env.server = restarted.server;
      return restarted.downMs;
    },
  };
  beforeAll(async () => {
    env.server = await startServerProcess();
    env.store = new StoreReader(env.server.dir);
  });
  afterAll(async () => {
    env.store?.close();
    await env.server?.stop();
  });
  return env;
}

/** A promise's outcome as a value, so a test can await it later without an unhandled rejection meanwhile. */
export function settle<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
