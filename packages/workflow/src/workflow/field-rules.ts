import { canonicalStringify } from "../codec/canonical";
import type { ValidationIssue } from "../errors";
import { dataTypeOf } from "../schema/data-type";
import type { AnySchema, SchemaDef } from "../schema/introspect";
import { defOf, joinPath, shapeOf, unwrap } from "../schema/introspect";
import { allowNonFinite } from "../schema/non-finite";
import { ThresholdedMetrics } from "../thresholded";

/**
 * The field rules of a workflow's data (Kolena's `validate_field`): a field is a scalar, an annotation, an
 * asset, or a list, optional or union of those. Everything else (records, tuples, plain nested objects,
 * lists of lists, transforms) is reported as an issue naming the field.
 */

export const SUPPORTED_FIELDS =
  "fields must be scalars (string, number, boolean), annotations, assets, or lists, optionals or unions of them";

export function isScalarSchema(schema: AnySchema): boolean {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
    case "number":
    case "boolean":
    case "template_literal":
      return true;
    case "enum":
      return Object.values(def.entries).every(
        (v) => typeof v === "string" || typeof v === "number",
      );
    case "literal":
      return def.values.every(
        (v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean",
      );
    default:
      return false;
  }
}

/** A scalar, or an optional / nullable / union of scalars: what test case and suite metrics may hold. */
export function isScalarField(schema: AnySchema): boolean {
  const { inner } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "union") {
    return def.options.every(
      (option) => defOf(unwrap(option).inner).type === "null" || isScalarField(option),
    );
  }
  return isScalarSchema(inner);
}

export function checkFieldType(schema: AnySchema, path: string, issues: ValidationIssue[]): void {
  checkDefault(schema, path, issues);
  checkValueType(schema, path, issues, { inList: false, inUnion: false });
}

/** Lists may not nest, and `null` only makes sense as one option of a union. */
function checkValueType(
  schema: AnySchema,
  path: string,
  issues: ValidationIssue[],
  where: { inList: boolean; inUnion: boolean },
): void {
  const { inner } = unwrap(schema);
  if (isScalarSchema(inner)) return;
  const def = defOf(inner);
  switch (def.type) {
    case "null":
      if (where.inUnion) return;
      break;
    case "object":
      return checkTypedObject(inner, path, issues);
    case "array":
      if (where.inList) {
        issues.push({ path, reason: "lists of lists are not supported" });
        return;
      }
      return checkValueType(def.element, path, issues, { inList: true, inUnion: false });
    case "union":
      for (const option of def.options)
        checkValueType(option, path, issues, { ...where, inUnion: true });
      return;
  }
  issues.push({ path, reason: unsupported(def) });
}

/** Objects are allowed only when they are annotations, assets or thresholded metrics. */
function checkTypedObject(schema: AnySchema, path: string, issues: ValidationIssue[]): void {
  const info = dataTypeOf(schema);
  if (!info) {
    issues.push({
      path,
      reason:
        "nested objects are not supported: use an annotation or an asset, or flatten its fields into this one",
    });
  } else if (info.category === "TEST_SAMPLE") {
    issues.push({
      path,
      reason: "a test sample can only be an element of a Composite test sample",
    });
  } else if (info.category === "PLOT") {
    issues.push({ path, reason: "plots are evaluator outputs, not fields" });
  } else if (info.dataType === "METRICS/THRESHOLDED") {
    checkThresholded(schema, path, issues);
  }
}

function checkThresholded(schema: AnySchema, path: string, issues: ValidationIssue[]): void {
  const shape = shapeOf(schema) ?? {};
  for (const [key, field] of Object.entries(shape)) {
    if (key === "dataType") continue;
    const fieldPath = joinPath(path, key);
    if (key === "threshold") {
      if (field !== ThresholdedMetrics.shape.threshold) {
        issues.push({ path: fieldPath, reason: "ThresholdedMetrics cannot redeclare 'threshold'" });
      }
    } else {
      checkFieldType(field, fieldPath, issues);
    }
  }
}

/**
 * zod returns a `.default()` value as written, without parsing it, so a default annotation would be stored
 * without its `dataType` tag or derived fields. Defaults must already be complete values.
 */
function checkDefault(schema: AnySchema, path: string, issues: ValidationIssue[]): void {
  for (let node = schema; ;) {
    const def = defOf(node);
    if (def.type === "default") {
      const value: unknown = def.defaultValue;
      const parsed = allowNonFinite(def.innerType)["~standard"].validate(value);
      const complete =
        !(parsed instanceof Promise) &&
        parsed.issues === undefined &&
        canonicalStringify(parsed.value) === canonicalStringify(value);
      if (!complete) {
        issues.push({
          path,
          reason:
            "the default is not a complete value of the field; use .prefault() to have it parsed",
        });
      }
    }
    if (!("innerType" in def)) return;
    node = def.innerType;
  }
}

/** `metadata` on a test sample: a record with string keys whose values are scalars or lists of scalars. */
export function checkMetadataType(
  schema: AnySchema,
  path: string,
  issues: ValidationIssue[],
): void {
  const def = defOf(unwrap(schema).inner);
  if (def.type !== "record") {
    issues.push({
      path,
      reason: `metadata must be a record of scalars or lists of scalars (use Metadata), not ${describeType(def)}`,
    });
    return;
  }
  if (defOf(def.keyType).type !== "string") {
    issues.push({ path, reason: "metadata keys must be strings" });
  }
  if (!isMetadataValue(def.valueType, true)) {
    issues.push({ path, reason: "metadata values must be scalars, null, or lists of them" });
  }
}

function isMetadataValue(schema: AnySchema, allowList: boolean): boolean {
  const { inner } = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "null" || isScalarSchema(inner)) return true;
  if (def.type === "array") return allowList && isMetadataValue(def.element, false);
  if (def.type === "union")
    return def.options.every((option) => isMetadataValue(option, allowList));
  return false;
}

function unsupported(def: SchemaDef): string {
  return `unsupported field type: ${describeType(def)} (${SUPPORTED_FIELDS})`;
}

export function describeType(def: SchemaDef): string {
  switch (def.type) {
    case "object":
      return "a nested object";
    case "pipe":
    case "transform":
      return "a transform (Assay stores values as they are written)";
    case "custom":
      return "a custom schema (it has no JSON Schema)";
    case "any":
    case "unknown":
      return `${def.type} (declare the field's type)`;
    default:
      return def.type;
  }
}
