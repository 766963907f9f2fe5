import type { z } from "zod";

import type { ValidationIssue } from "../errors";
import { InputValidationError } from "../errors";
import { dataTypeOf } from "../schema/data-type";
import type { AnySchema } from "../schema/introspect";
import { defOf, joinPath, shapeOf, unwrap } from "../schema/introspect";
import { checkFieldType, isScalarField } from "./field-rules";
import { checkReservedDataType } from "./schema-rules";

export type MetricsKind = "testSample" | "testCase" | "testSuite";

const ROOTS: Record<MetricsKind, string> = {
  testSample: "MetricsTestSample",
  testCase: "MetricsTestCase",
  testSuite: "MetricsTestSuite",
};

/**
 * Checks a metrics schema against the rules of its kind (see `MetricsTestCase`) and returns it; throws an
 * `InputValidationError` naming each offending field.
 */
export function checkMetricsSchema<S extends z.ZodObject>(kind: MetricsKind, schema: S): S {
  const root = ROOTS[kind];
  const shape = shapeOf(schema);
  if (!shape) {
    throw new InputValidationError({ path: root, reason: "must be a zod object schema" });
  }
  const issues: ValidationIssue[] = [];
  checkReservedDataType(schema, root, issues);
  for (const [key, field] of Object.entries(shape)) {
    if (key === "dataType") continue;
    const path = joinPath(root, key);
    if (kind === "testSample") checkFieldType(field, path, issues);
    else if (kind === "testSuite") {
      if (!isScalarField(field)) {
        issues.push({
          path,
          reason: "test suite metrics may only hold scalars (string, number, boolean)",
        });
      }
    } else if (!isScalarField(field)) checkNestedList(field, path, issues);
  }
  if (issues.length > 0) throw new InputValidationError(issues);
  return schema;
}

/** A non-scalar test case metric must be a list of nested rows, or an optional / union of such lists. */
function checkNestedList(schema: AnySchema, path: string, issues: ValidationIssue[]): void {
  const { inner } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "union") {
    for (const option of def.options) {
      const optionDef = defOf(unwrap(option).inner);
      if (optionDef.type !== "null" && !isScalarField(option))
        checkNestedList(option, path, issues);
    }
    return;
  }
  if (def.type === "object") {
    issues.push({
      path,
      reason:
        "a nested metrics object must be in a list (z.array(row)), one row per class for example",
    });
    return;
  }
  if (def.type !== "array") {
    issues.push({
      path,
      reason: "test case metrics hold scalars and lists of nested metrics objects",
    });
    return;
  }
  const item = def.element;
  const itemDef = defOf(item);
  if (itemDef.type === "object") return checkNestedRow(item, path, issues);
  if (itemDef.type === "union" && itemDef.options.every((o) => defOf(o).type === "object")) {
    for (const option of itemDef.options) checkNestedRow(option, path, issues);
    return;
  }
  const reason =
    itemDef.type === "optional" || itemDef.type === "nullable"
      ? "rows of a nested list cannot be optional"
      : itemDef.type === "array"
        ? "only one level of nesting is supported"
        : "lists in test case metrics must hold nested metrics objects, not scalars";
  issues.push({ path, reason });
}

function checkNestedRow(row: AnySchema, path: string, issues: ValidationIssue[]): void {
  if (dataTypeOf(row)) {
    issues.push({ path, reason: "annotations and assets are not allowed in test case metrics" });
    return;
  }
  for (const [key, field] of Object.entries(shapeOf(row) ?? {})) {
    if (!isScalarField(field)) {
      issues.push({
        path: joinPath(path, key),
        reason: "nested rows may only hold scalars (one level of nesting)",
      });
    }
  }
}
