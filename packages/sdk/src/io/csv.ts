/**
 * Parses CSV text (RFC 4180: quoted fields, "" escapes, newlines inside quotes, CRLF or LF) into rows of
 * cells. The first row is the header.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (quoted) throw new Error("unterminated quoted field at the end of the CSV");
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
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
