import type { LinesPage } from "@assay/workflow/wire";

import { incorrectUsage } from "../errors";

/** Opaque cursors: base64url of a small JSON array, so clients pass them back without parsing them. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parts) &&
      parts.every((p) => typeof p === "string" || typeof p === "number")
    ) {
      return parts;
    }
  } catch {
    // fall through to the error below
  }
  throw incorrectUsage("invalid cursor: pass back the nextCursor of the previous page unchanged");
}

/** Reads a numeric cursor (a position or an id), or `fallback` for the first page. */
export function numericCursor(cursor: string | null | undefined, fallback: number): number {
  const parts = decodeCursor(cursor);
  const value = parts?.[0];
  if (parts === null) return fallback;
  if (typeof value !== "number") throw incorrectUsage("invalid cursor");
  return value;
}

/**
 * A page of NDJSON lines from rows fetched with `limit + 1` (the extra row only says whether there is a next
 * page): each kept row becomes a line, and the cursor points after the last one.
 */
export function linesPage<R>(
  rows: readonly R[],
  limit: number,
  toLine: (row: R) => string,
  cursorOf: (row: R) => readonly (string | number)[],
): LinesPage {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    lines: page.map(toLine).join("\n"),
    count: page.length,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
