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
 * The most one page holds, in characters of stored JSON, whatever its row limit: a page of large rows (64 KiB of
 * metadata each, long sample lines) stops early, with a cursor, so that a response a slow client holds on to is
 * never tens of MB (500 of those ran the server out of memory). A page always holds at least one row.
 */
export const PAGE_CHARS = 4 * 1024 * 1024;

/** How many of `rows` (fetched with `limit + 1`) make one page: at most `limit`, and within PAGE_CHARS. */
export function pageLength<R>(
  rows: readonly R[],
  limit: number,
  charsOf: (row: R) => number,
  budget = PAGE_CHARS,
): number {
  const end = Math.min(rows.length, limit);
  let chars = 0;
  for (let i = 0; i < end; i++) {
    chars += charsOf(rows[i] as R);
    if (i > 0 && chars > budget) return i;
  }
  return end;
}

/**
 * A page of NDJSON lines from rows fetched with `limit + 1` (the extra row only says whether there is a next
 * page): each kept row becomes a line, up to PAGE_CHARS, and the cursor points after the last one.
 */
export function linesPage<R>(
  rows: readonly R[],
  limit: number,
  toLine: (row: R) => string,
  cursorOf: (row: R) => readonly (string | number)[],
): LinesPage {
  const lines: string[] = [];
  let chars = 0;
  for (const row of rows.slice(0, limit)) {
    const line = toLine(row);
    chars += line.length + 1;
    if (lines.length > 0 && chars > PAGE_CHARS) break;
    lines.push(line);
  }
  const last = rows[lines.length - 1];
  return {
    lines: lines.join("\n"),
    count: lines.length,
    nextCursor:
      rows.length > lines.length && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
