import { z } from "zod";

import type { JsonValue } from "../codec/canonical";
import { allowNonFinite } from "../schema/non-finite";

/** Any JSON value as Assay stores it (numbers may be NaN or ±Infinity). */
export const JsonValueSchema: z.ZodType<JsonValue> = allowNonFinite(
  z.lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(JsonValueSchema),
      z.record(z.string(), JsonValueSchema),
    ]),
  ),
);

/** A JSON object: model metadata, metrics records, configurations. */
export const JsonObjectSchema = z.record(z.string(), JsonValueSchema);
export type JsonObject = Record<string, JsonValue>;
