import { z } from "zod";

import type { AnySchema } from "./introspect";
import { defOf, isIntegerSchema } from "./introspect";
import { mapSchema } from "./map";

/**
 * zod 4's `z.number()` rejects NaN and ±Infinity, but they are ordinary values in ML data (a metric over an
 * empty set, a model's degenerate score) and Assay stores them exactly (CONTRACT §1). Rather than make users
 * write a special number type, values are parsed with a copy of their schema in which every non-integer
 * number also accepts the non-finite values. The user's schema still gives the TypeScript types and the
 * JSON Schema.
 */
const nonFinite = z.custom<number>(
  (value) => typeof value === "number" && !Number.isFinite(value),
  {
    error: "expected number",
    params: { expected: "number" },
  },
);

const cache = new WeakMap<AnySchema, AnySchema>();

export function allowNonFinite<S extends AnySchema>(schema: S): S {
  let mapped = cache.get(schema);
  if (!mapped) {
    mapped = mapSchema(schema, (node) =>
      defOf(node).type === "number" && !isIntegerSchema(node)
        ? z.union([node as z.ZodNumber, nonFinite])
        : node,
    );
    cache.set(schema, mapped);
  }
  return mapped as S;
}
