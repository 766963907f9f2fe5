import { readFileSync } from "node:fs";
import { extname } from "node:path";

import type { InferFn } from "@assay/workflow";
import { InputValidationError } from "@assay/workflow";
import { parseJson } from "@assay/workflow/wire";

import type { AnyWorkflow } from "../registry/binding";
import { cellValue, parseCsv } from "./csv";

export interface InferenceTable {
  /** The test sample field rows are matched on. */
  key: string;
  rows: Map<string, Record<string, unknown>>;
}

interface ReadOptions {
  /** The test sample field whose value names a row, e.g. `locator` or `text`. */
  key: string;
  /** `csv` or `jsonl`; by default from the file's extension. */
  format?: "csv" | "jsonl" | undefined;
  /**
   * Checks an inference (the workflow's `parseInference`). With it, a cell read as a number or boolean that the
   * schema wants as text is kept as the text it was written as.
   */
  check?: ((inference: unknown) => unknown) | undefined;
}

/**
 * Reads inferences from a file, keyed by a test sample field:
 * - CSV: a header row, one row per sample; the key column, then one column per inference field. Dotted headers
 *   build objects (`prediction.label`, `prediction.score`), and cells holding JSON are parsed.
 * - JSONL: one object per line with the key field, and either an `inference` object or the inference's fields.
 */
export function readInferenceTable(path: string, options: ReadOptions): InferenceTable {
  const format = options.format ?? (extname(path).toLowerCase() === ".csv" ? "csv" : "jsonl");
  // A byte order mark (spreadsheets write one) is not part of the first line.
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const rows = new Map<string, Record<string, unknown>>();
  const add = (key: unknown, inference: Record<string, unknown>, where: string) => {
    if (typeof key !== "string" && typeof key !== "number" && typeof key !== "boolean") {
      throw new InputValidationError({
        path: where,
        reason: `the key field '${options.key}' is missing or is not a string or number`,
      });
    }
    const name = String(key);
    if (rows.has(name)) {
      throw new InputValidationError({ path: where, reason: `a second row for '${name}'` });
    }
    rows.set(name, options.check ? typed(inference, options.check) : inference);
  };
  if (format === "csv") {
    const [header, ...body] = parseCsv(text);
    if (!header?.includes(options.key)) {
      throw new InputValidationError({
        path: "header",
        reason: `the CSV has no '${options.key}' column`,
      });
    }
    body.forEach((cells, i) => {
      const record: Record<string, unknown> = {};
      header.forEach((column, j) => {
        if (column !== options.key)
          setPath(record, column, cellValue(cells[j] ?? ""), String(cells[j] ?? ""));
      });
      const inference =
        isRecord(record.inference) && header.length === 2 ? record.inference : record;
      add(cells[header.indexOf(options.key)], inference, `row ${i + 2}`);
    });
  } else {
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      let value: unknown;
      try {
        value = parseJson(line);
      } catch (error) {
        throw new InputValidationError({ path: `line ${i + 1}`, reason: (error as Error).message });
      }
      if (!isRecord(value))
        throw new InputValidationError({ path: `line ${i + 1}`, reason: "expected a JSON object" });
      const { [options.key]: key, ...rest } = value;
      add(key, isRecord(rest.inference) ? rest.inference : rest, `line ${i + 1}`);
    });
  }
  return { key: options.key, rows };
}

/**
 * A model's `infer` that looks inferences up in a file (see `readInferenceTable`): a sample without a row gets an
 * empty inference, so optional fields stay unset (and required ones are reported missing).
 */
export function inferFromFile<W extends AnyWorkflow>(
  path: string,
  options: Omit<ReadOptions, "check"> & { workflow?: W },
): InferFn<W> {
  const workflow = options.workflow;
  const table = readInferenceTable(path, {
    ...options,
    check: workflow ? (inference) => workflow.parseInference(inference) : undefined,
  });
  return (sample) =>
    (table.rows.get(String((sample as Record<string, unknown>)[table.key])) ?? {}) as never;
}

/** The text of cells read as numbers or booleans, per object and key, in case the schema wants text. */
const rawCells = new WeakMap<object, Record<string, string>>();

/** Sets `a.b.c` in a record, remembering the cell's text in case the schema wants text after all. */
function setPath(record: Record<string, unknown>, path: string, value: unknown, raw: string): void {
  if (value === undefined) return;
  const parts = path.split(".");
  let target = record;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(target[part])) target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  const last = parts.at(-1) as string;
  target[last] = value;
  if (typeof value !== "string") {
    const raws = rawCells.get(target) ?? {};
    raws[last] = raw;
    rawCells.set(target, raws);
  }
}

/**
 * Keeps the typed cells the schema accepts; where it refuses a cell that was read as a number or boolean, tries
 * the cell's text instead (a class named "1", a zip code).
 */
function typed(
  inference: Record<string, unknown>,
  check: (value: unknown) => unknown,
): Record<string, unknown> {
  try {
    check(inference);
    return inference;
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    let changed = false;
    for (const issue of error.issues) {
      const parts = issue.path.replace(/^inference\.?/, "").split(".");
      let target: Record<string, unknown> | undefined = inference;
      for (const part of parts.slice(0, -1))
        target = isRecord(target?.[part]) ? target[part] : undefined;
      const raw = target ? rawCells.get(target)?.[parts.at(-1) as string] : undefined;
      if (target && raw !== undefined) {
        target[parts.at(-1) as string] = raw;
        changed = true;
      }
    }
    if (changed) check(inference);
    return inference;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
