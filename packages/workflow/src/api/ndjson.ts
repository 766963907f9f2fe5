import type { JsonValue } from "../codec/canonical";
import { canonicalStringify } from "../codec/canonical";
import { TooDeepError } from "../codec/depth";
import { parseJson } from "../codec/parse";
import { InputValidationError } from "../errors";

/**
 * Bulk data moves as NDJSON text: one canonical JSON value per line, `NaN` and `±Infinity` written as bare
 * tokens (Python's `json.dumps` writes the same). Any HTTP client can produce and read it, and the server can
 * answer reads with the stored text itself, without parsing a row.
 */
export function encodeLines(values: Iterable<unknown>): string {
  let out = "";
  for (const value of values) out += (out ? "\n" : "") + canonicalStringify(value);
  return out;
}

/** Parses NDJSON text; blank lines are skipped. Errors name the line (`lines[3]`). */
export function decodeLines(text: string): JsonValue[] {
  const values: JsonValue[] = [];
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    const end = text.indexOf("\n", start);
    const raw = text.slice(start, end === -1 ? text.length : end);
    start = end === -1 ? text.length + 1 : end + 1;
    if (raw.trim() === "") continue;
    try {
      values.push(parseJson(raw));
    } catch (error) {
      if (error instanceof TooDeepError) throw error.within(`lines[${line}]`);
      throw new InputValidationError({ path: `lines[${line}]`, reason: (error as Error).message });
    }
  }
  return values;
}

/**
 * `decodeLines` for text from a producer that writes one value per line (the server's pages), expecting `count`
 * values: newlines inside JSON strings are escaped, so the lines joined with commas make one JSON array, parsed
 * in one native call. Text that does not parse that way (NaN tokens, blank lines) goes through `decodeLines`.
 */
export function decodeLinesBulk(text: string, count: number): JsonValue[] {
  if (text === "") return [];
  try {
    const values = JSON.parse(`[${text.replaceAll("\n", ",")}]`) as JsonValue[];
    if (values.length === count) return values;
  } catch {
    // Parsed line by line below.
  }
  return decodeLines(text);
}

/** How many lines NDJSON text holds (one value per line, no blank lines): 0 for empty text. */
export function countLines(text: string): number {
  if (text === "") return 0;
  let count = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
