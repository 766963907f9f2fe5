/** Helpers for the security tests: raw tRPC calls over HTTP, as `httpLink` makes them, and a store fingerprint. */
import { createHash } from "node:crypto";

import { appRouter } from "@assay/api";
import type { DB } from "@assay/db";

export type ProcedureType = "query" | "mutation";

export interface ProcedureInfo {
  path: string;
  type: ProcedureType;
  /** The procedure's input parsers (zod schemas); empty when it takes no input. */
  inputs: { safeParse(value: unknown): { success: boolean } }[];
}

/** Every procedure of `appRouter`, by path. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; inputs: ProcedureInfo["inputs"] } }
  >;
  return Object.entries(procedures)
    .map(([path, procedure]) => {
      const type = procedure._def.type;
      if (type !== "query" && type !== "mutation") throw new Error(`${path} is a ${type}`);
      return { path, type, inputs: procedure._def.inputs } satisfies ProcedureInfo;
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Calls a procedure as tRPC's httpLink does: a query is a GET with `?input=`, a mutation a POST with a JSON body;
 * the input is superjson-shaped (`{ json: … }`), or absent when `input` is undefined.
 */
export async function callProcedure(
  baseUrl: string,
  procedure: { path: string; type: ProcedureType },
  input: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const wire = input === undefined ? undefined : JSON.stringify({ json: input });
  let response: Response;
  if (procedure.type === "query") {
    const query = wire === undefined ? "" : `?input=${encodeURIComponent(wire)}`;
    response = await fetch(`${baseUrl}/trpc/${procedure.path}${query}`, { headers });
  } else {
    response = await fetch(`${baseUrl}/trpc/${procedure.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      ...(wire === undefined ? {} : { body: wire }),
    });
  }
  return { status: response.status, text: await response.text() };
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Every user table of the store (not SQLite's or drizzle's own). */
export function tableNames(db: DB): string[] {
  return (
    db.$client
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
}

/** Every row of a table, as text, sorted (some tables have no rowid); blobs as hex, so a search sees them. */
export function tableRows(db: DB, table: string): string[] {
  const rows = db.$client.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
  return rows
    .map((row) =>
      JSON.stringify(
        Object.entries(row).map(([column, value]) => [
          column,
          Buffer.isBuffer(value) ? `hex:${value.toString("hex")}` : value,
        ]),
        (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value),
      ),
    )
    .sort();
}

/** Row count and a hash of all rows of every table but `excluded`. */
export function fingerprint(
  db: DB,
  excluded: readonly string[] = [],
): Record<string, { rows: number; hash: string }> {
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const table of tableNames(db)) {
    if (excluded.includes(table)) continue;
    const rows = tableRows(db, table);
    const hash = createHash("sha256");
    for (const row of rows) hash.update(row).update("\n");
    out[table] = { rows: rows.length, hash: hash.digest("hex").slice(0, 16) };
  }
  return out;
}
