import { InputValidationError } from "@assay/workflow";
import { parse } from "csv-parse/sync";

/**
 * Parses CSV text (RFC 4180: quoted fields, "" escapes, newlines inside quotes, CRLF or LF; a UTF-8 byte order
 * mark, as spreadsheets write one, is dropped) into rows of cells; the first row is the header. Blank lines are
 * skipped, and rows may have fewer or more cells than the header. csv-parse does the parsing.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      // Files that mix line endings (an export edited by hand) are read as written.
      record_delimiter: ["\r\n", "\n", "\r"],
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new InputValidationError({
      path: "csv",
      reason: `not valid CSV: ${(error as Error).message}`,
    });
  }
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A CSV cell as a JSON value: empty is "absent" (undefined), JSON objects and arrays are parsed, and so are
 * numbers, `true`/`false`, `null` and `NaN`/`Infinity`/`-Infinity`; anything else stays text.
 */
export function cellValue(cell: string): unknown {
  const text = cell.trim();
  if (text === "") return undefined;
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (text === "null") return null;
  if (text === "NaN") return NaN;
  if (text === "Infinity" || text === "+Infinity") return Infinity;
  if (text === "-Infinity") return -Infinity;
  if (NUMBER.test(text)) return Number(text);
  if (text.startsWith("{") || text.startsWith("[")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return cell;
    }
  }
  return cell;
}
