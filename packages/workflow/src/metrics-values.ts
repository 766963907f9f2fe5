import type { JsonValue } from "./codec/canonical";
import type { ValidationIssue } from "./errors";
import { InputValidationError } from "./errors";
import { baseSchemaOf } from "./schema/data-type";
import { joinPath } from "./schema/introspect";
import { parseWith } from "./schema/parse";
import type { MetricsKind } from "./workflow/metrics-rules";

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null || ["string", "number", "boolean"].includes(typeof value);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks a metrics value by the rules of its kind — the same rules `checkMetricsSchema` applies to schemas, so
 * values written without a schema (an evaluator function's, an HTTP client's) are held to them too — and returns
 * it with every annotation completed (tag and derived fields). Throws an `InputValidationError` otherwise.
 */
export function checkMetricsValue(
  kind: MetricsKind,
  value: unknown,
  root = "metrics",
): Record<string, JsonValue> {
  if (!isPlainObject(value)) {
    throw new InputValidationError({ path: root, reason: "metrics must be a JSON object" });
  }
  const issues: ValidationIssue[] = [];
  const out: Record<string, JsonValue> = {};
  for (const [key, field] of Object.entries(value)) {
    const path = joinPath(root, key);
    if (field === undefined) continue;
    if (isScalar(field)) out[key] = field;
    else if (kind === "testSuite")
      issues.push({ path, reason: "test suite metrics may only hold scalars" });
    else if (kind === "testCase") out[key] = checkNestedRows(field, path, issues);
    else out[key] = checkSampleField(field, path, issues, false);
  }
  if (issues.length > 0) throw new InputValidationError(issues);
  return out;
}

function checkNestedRows(field: unknown, path: string, issues: ValidationIssue[]): JsonValue {
  if (!Array.isArray(field)) {
    issues.push({ path, reason: "test case metrics hold scalars and lists of nested rows" });
    return null;
  }
  return field.map((row, i) => {
    const rowPath = joinPath(path, i);
    if (!isPlainObject(row)) {
      issues.push({ path: rowPath, reason: "a nested row must be an object of scalars" });
      return null;
    }
    for (const [key, cell] of Object.entries(row)) {
      if (cell !== undefined && !isScalar(cell)) {
        issues.push({ path: joinPath(rowPath, key), reason: "nested rows may only hold scalars" });
      }
    }
    return row as Record<string, Scalar>;
  });
}

function checkSampleField(
  field: unknown,
  path: string,
  issues: ValidationIssue[],
  inList: boolean,
): JsonValue {
  if (isScalar(field)) return field;
  if (Array.isArray(field)) {
    if (inList) {
      issues.push({ path, reason: "lists of lists are not supported" });
      return null;
    }
    return field.map((item, i) => checkSampleField(item, joinPath(path, i), issues, true));
  }
  const dataType = isPlainObject(field) ? field.dataType : undefined;
  const base = typeof dataType === "string" ? baseSchemaOf(dataType) : undefined;
  const category = typeof dataType === "string" ? dataType.slice(0, dataType.indexOf("/")) : "";
  if (!base || !["ANNOTATION", "ASSET", "METRICS"].includes(category)) {
    issues.push({
      path,
      reason:
        "objects in sample metrics must be annotations, assets or thresholded metrics (with their dataType)",
    });
    return null;
  }
  try {
    return parseWith(base, field, path) as JsonValue;
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    issues.push(...error.issues);
    return null;
  }
}
