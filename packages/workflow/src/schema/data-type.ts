import { z } from "zod";

import type { AnySchema } from "./introspect";
import { shapeOf } from "./introspect";

export type DataCategory = "TEST_SAMPLE" | "ANNOTATION" | "ASSET" | "PLOT" | "METRICS";

export interface DataTypeInfo {
  /** The tag carried in data, e.g. `"ANNOTATION/BOUNDING_BOX"`. */
  dataType: string;
  category: DataCategory;
}

/**
 * Typed objects (test samples, annotations, assets, plots) carry a `dataType` tag. The tag's schema instance
 * is the brand: `.extend()` keeps the same instance, so `LabeledBoundingBox` and a user's
 * `BoundingBox.extend({ ... })` are both recognised as bounding boxes, while a hand-written `dataType`
 * field is not and is rejected as reserved.
 */
const brands = new Map<AnySchema, DataTypeInfo>();

/** The base schema registered first for each tag: what a stored value with that tag is checked against. */
const bases = new Map<string, z.ZodObject>();

export function dataTypeField<const T extends `${DataCategory}/${string}`>(dataType: T) {
  const field = z.literal(dataType).default(dataType);
  brands.set(field, {
    dataType,
    category: dataType.slice(0, dataType.indexOf("/")) as DataCategory,
  });
  return field;
}

/** Records `schema` as the base schema for its tag (the first registration wins, as in Kolena). */
export function registerBase<S extends z.ZodObject>(schema: S): S {
  const info = dataTypeOf(schema);
  if (!info) throw new TypeError("registerBase needs a schema with a dataType field");
  if (!bases.has(info.dataType)) bases.set(info.dataType, schema);
  return schema;
}

/** The tag of an object schema built on one of Assay's typed bases, or undefined. */
export function dataTypeOf(schema: AnySchema): DataTypeInfo | undefined {
  const field = shapeOf(schema)?.dataType;
  return field ? brands.get(field) : undefined;
}

/** True when an object schema declares a `dataType` field that is not one of Assay's tags. */
export function hasForeignDataType(schema: AnySchema): boolean {
  const field = shapeOf(schema)?.dataType;
  return field !== undefined && !brands.has(field);
}

/** The base schema of a tag, e.g. `BoundingBox` for `"ANNOTATION/BOUNDING_BOX"`. */
export function baseSchemaOf(dataType: string): z.ZodObject | undefined {
  return bases.get(dataType);
}

/** Every registered tag, in registration order. */
export function registeredDataTypes(): string[] {
  return [...bases.keys()];
}
