import type { z } from "zod";

/** Any zod schema, classic or core. */
export type AnySchema = z.core.$ZodType;

/** The definition of a schema, as a union discriminated by `type`. */
export type SchemaDef = z.core.$ZodTypes["_zod"]["def"];

export function defOf(schema: AnySchema): SchemaDef {
  return (schema as z.core.$ZodTypes)._zod.def;
}

/** Modifiers that change whether a value may be absent or null, but not what kind of value it is. */
const MODIFIERS = new Set<SchemaDef["type"]>([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "nonoptional",
]);

export interface Unwrapped {
  inner: AnySchema;
  nullable: boolean;
}

/** Looks through optional / nullable / default / readonly wrappers to the schema that describes the value. */
export function unwrap(schema: AnySchema): Unwrapped {
  let inner = schema;
  let nullable = false;
  for (;;) {
    const def = defOf(inner);
    if (!MODIFIERS.has(def.type)) return { inner, nullable };
    if (def.type === "nullable") nullable = true;
    inner = (def as { innerType: AnySchema }).innerType;
  }
}

const INTEGER_FORMATS = new Set(["safeint", "int32", "uint32"]);

/** True for `z.int()`, `z.number().int()` and the other integer formats: numbers that can never be NaN. */
export function isIntegerSchema(schema: AnySchema): boolean {
  const def = defOf(schema);
  if (def.type !== "number") return false;
  const format = (def as { format?: string }).format;
  if (format && INTEGER_FORMATS.has(format)) return true;
  return (def.checks ?? []).some((check) => {
    const checkFormat = (check._zod.def as { format?: string }).format;
    return checkFormat !== undefined && INTEGER_FORMATS.has(checkFormat);
  });
}

/** The shape of an object schema, or undefined for any other schema. */
export function shapeOf(schema: AnySchema): Readonly<Record<string, AnySchema>> | undefined {
  const def = defOf(schema);
  return def.type === "object" ? def.shape : undefined;
}

/** Names a field the way error messages do: `boxes[0].label`. */
export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === "number") return `${base}[${segment}]`;
  return base ? `${base}.${segment}` : segment;
}
