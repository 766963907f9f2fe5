import fc from "fast-check";

import type { JsonValue } from "./canonical";

/**
 * JSON values as Assay stores them, including NaN, ±Infinity, -0, and strings with any code point (lone
 * surrogates too). For property tests.
 */
export const storedJson: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: "binary" }),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** The same value with every object's keys inserted in another order. */
export function reorderKeys(value: JsonValue, seed: number): JsonValue {
  if (Array.isArray(value)) return value.map((item, i) => reorderKeys(item, seed + i));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  const rotated = keys
    .slice(seed % (keys.length || 1))
    .concat(keys.slice(0, seed % (keys.length || 1)));
  const out: Record<string, JsonValue> = {};
  for (const key of rotated.reverse()) {
    Object.defineProperty(out, key, {
      value: reorderKeys(value[key] as JsonValue, seed + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
