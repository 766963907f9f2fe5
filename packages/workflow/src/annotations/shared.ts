import { z } from "zod";

import type { AnySchema } from "../schema/introspect";
import { parseWith } from "../schema/parse";

export const Point2D = z.tuple([z.number(), z.number()]);
export const Point3D = z.tuple([z.number(), z.number(), z.number()]);
export type Point2D = z.output<typeof Point2D>;
export type Point3D = z.output<typeof Point3D>;

export const labeled = { label: z.string() };
export const scored = { score: z.number() };

/**
 * A field computed from the others (a box's `area`, say). Whatever a caller passes is replaced on parse, as
 * Kolena recomputes its `init=False` fields; the default only lets inputs leave it out.
 */
export const derived = () => z.number().default(0);

/**
 * A function that validates its input against `schema` and returns the complete value, derived fields and
 * `dataType` filled in. Errors are `InputValidationError`s rooted at `name`.
 */
export function builder<S extends AnySchema>(schema: S, name: string) {
  return (input: z.input<S>): z.output<S> => parseWith(schema, input, name);
}
