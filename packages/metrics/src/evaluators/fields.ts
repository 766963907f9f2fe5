import { invalid } from "../internal/checks";

/**
 * Reading the fields a built-in evaluator needs out of user records. Field names are options (a dotted path
 * reaches into nested objects), so a workflow need not be shaped after the evaluator. These helpers are plain
 * property reads with type checks, not schema parses: they run once per sample on the hot path.
 */

export type AnyRecord = Readonly<Record<string, unknown>>;

export function readField(record: unknown, path: string): unknown {
  if (!path.includes(".")) return (record as AnyRecord | null | undefined)?.[path];
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as AnyRecord)[part];
  }
  return value;
}

/** A class label given as a string or as an object with a string `label` (a `ClassificationLabel`). */
export function labelOf(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object") {
    const label = (value as AnyRecord).label;
    if (typeof label === "string") return label;
  }
  throw invalid(
    where,
    `expected a label (a string or an object with a string "label"), got ${describe(value)}`,
  );
}

export function numberAt(value: unknown, where: string): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw invalid(where, `expected a number, got ${describe(value)}`);
  }
  return value;
}

export function arrayAt(value: unknown, where: string, optional = false): readonly unknown[] {
  if (value === undefined || value === null) {
    if (optional) return [];
    throw invalid(where, "is required (a list)");
  }
  if (!Array.isArray(value)) throw invalid(where, `expected a list, got ${describe(value)}`);
  return value as readonly unknown[];
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A stable key for a test case, as evaluators remember per-test-case state. */
export function testCaseKey(testCase: { readonly name: string; readonly version: number }): string {
  return `${testCase.name}\u0000${testCase.version}`;
}
