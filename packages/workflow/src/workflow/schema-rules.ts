import type { ValidationIssue } from "../errors";
import { dataTypeOf, hasForeignDataType } from "../schema/data-type";
import type { AnySchema } from "../schema/introspect";
import { defOf, joinPath, shapeOf, unwrap } from "../schema/introspect";
import { testSampleKinds } from "../test-samples";
import { checkFieldType, checkMetadataType } from "./field-rules";

/** What a valid test sample schema tells a workflow: its kind and, for composites, its element fields. */
export interface TestSampleShape {
  dataType: string;
  elements: string[];
}

const KIND_NAMES = Object.keys(testSampleKinds).join(", ");

/** `dataType` is Assay's tag; a schema may only carry it by extending one of Assay's bases. */
export function checkReservedDataType(schema: AnySchema, path: string, issues: ValidationIssue[]) {
  if (hasForeignDataType(schema)) {
    issues.push({
      path: joinPath(path, "dataType"),
      reason: "the field name 'dataType' is reserved",
    });
  }
}

export function checkTestSampleSchema(
  schema: AnySchema,
  root: string,
  issues: ValidationIssue[],
): TestSampleShape | undefined {
  const shape = shapeOf(schema);
  if (!shape) {
    issues.push({
      path: root,
      reason: `must be a zod object schema extending one of ${KIND_NAMES}`,
    });
    return undefined;
  }
  checkReservedDataType(schema, root, issues);
  const info = dataTypeOf(schema);
  if (info?.category !== "TEST_SAMPLE" && !hasForeignDataType(schema)) {
    issues.push({
      path: root,
      reason: `must extend one of ${KIND_NAMES} (for example Image.extend({ ... }))`,
    });
  }
  const composite = info?.dataType === "TEST_SAMPLE/COMPOSITE";
  const elements: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    if (key === "dataType") continue;
    const path = joinPath(root, key);
    const element = unwrap(field).inner;
    if (key === "metadata") checkMetadataType(field, path, issues);
    else if (dataTypeOf(element)?.category === "TEST_SAMPLE") {
      if (!composite) {
        issues.push({ path, reason: "only a Composite test sample can hold test samples" });
      } else {
        checkCompositeElement(element, path, issues);
        elements.push(key);
      }
    } else checkFieldType(field, path, issues);
  }
  return info?.category === "TEST_SAMPLE" ? { dataType: info.dataType, elements } : undefined;
}

function checkCompositeElement(element: AnySchema, path: string, issues: ValidationIssue[]): void {
  if (dataTypeOf(element)?.dataType === "TEST_SAMPLE/COMPOSITE") {
    issues.push({ path, reason: "nested composite test samples are not supported" });
    return;
  }
  checkReservedDataType(element, path, issues);
  for (const [key, field] of Object.entries(shapeOf(element) ?? {})) {
    if (key === "dataType") continue;
    const fieldPath = joinPath(path, key);
    if (dataTypeOf(unwrap(field).inner)?.category === "TEST_SAMPLE") {
      issues.push({
        path: fieldPath,
        reason: "an element of a composite test sample cannot hold test samples",
      });
    } else checkFieldType(field, fieldPath, issues);
  }
}

/**
 * A ground truth or inference schema. With a composite test sample, a field named like one of its elements may
 * be a plain object of fields about that element (one level).
 */
export function checkDataSchema(
  schema: AnySchema,
  root: string,
  issues: ValidationIssue[],
  elements: readonly string[] = [],
): void {
  const shape = shapeOf(schema);
  if (!shape) {
    issues.push({ path: root, reason: "must be a zod object schema" });
    return;
  }
  checkReservedDataType(schema, root, issues);
  for (const [key, field] of Object.entries(shape)) {
    if (key === "dataType") continue;
    const path = joinPath(root, key);
    const inner = unwrap(field).inner;
    if (elements.includes(key) && defOf(inner).type === "object" && !dataTypeOf(inner)) {
      checkReservedDataType(inner, path, issues);
      for (const [nestedKey, nested] of Object.entries(shapeOf(inner) ?? {})) {
        checkFieldType(nested, joinPath(path, nestedKey), issues);
      }
    } else checkFieldType(field, path, issues);
  }
}
