import { readFileSync } from "node:fs";

import type { JsonValue } from "@assay/workflow";
import { InputValidationError } from "@assay/workflow";
import { canonicalStringify, parseJson } from "@assay/workflow/wire";

/** Where a command writes; tests capture it. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** A usage error: the command was called wrongly. Exit code 2, with the command's help. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A JSON argument, inline (`'{"a":1}'`) or from a file (`@metadata.json`); NaN and Infinity are allowed. */
export function jsonArgument(value: string, flag: string): JsonValue {
  const text = value.startsWith("@") ? readFileSync(value.slice(1), "utf8") : value;
  try {
    return parseJson(text);
  } catch (error) {
    throw new InputValidationError({
      path: flag,
      reason: `not valid JSON: ${(error as Error).message}`,
    });
  }
}

export function jsonObjectArgument(value: string, flag: string): Record<string, JsonValue> {
  const parsed = jsonArgument(value, flag);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InputValidationError({ path: flag, reason: "must be a JSON object" });
  }
  return parsed;
}

/** `name@3` → ["name", 3]; `name` → ["name", undefined]. */
export function nameAndVersion(value: string): [string, number | undefined] {
  const match = /^(.*)@(\d+)$/.exec(value);
  return match ? [match[1] as string, Number(match[2])] : [value, undefined];
}

/** JSON for `--json`: two-space indented, keys in their order, NaN and ±Infinity as bare tokens. */
export function formatJson(value: unknown): string {
  return `${pretty(toPlain(value), "")}\n`;
}

function pretty(value: unknown, indent: string): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (Number.isFinite(value)) return JSON.stringify(value);
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  if (typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + pretty(item, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${pretty(item, inner)}`).join(",\n")}\n${indent}}`;
}

function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Set) return [...value].map(toPlain);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === "object") {
    const json = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof json === "function") return toPlain(json.call(value));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/** Aligned columns for people. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (rows.length === 0) return "(none)\n";
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  return (
    [header, ...rows]
      .map((row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** RFC 4180 CSV for spreadsheets. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\n") + "\n";
}

/** A metric for a table cell: numbers to 4 significant figures, lists by their length. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
  }
  if (Array.isArray(value)) return `[${value.length} rows]`;
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  return canonicalStringify(value);
}
