import type { JsonValue } from "@assay/workflow";
import { decodeLines } from "@assay/workflow/wire";
import { z } from "zod";

/**
 * The NDJSON answers the pages read, typed at the one place each is decoded. The server wrote them from stored
 * canonical JSON it validated, so only the envelope is checked (ids, objects); field values stay JSON.
 */
export const json = z.custom<JsonValue>(() => true);
export const jsonObject = z.record(z.string(), json);

/** NDJSON text → typed rows (a malformed line throws: a server bug to see, not to skip). */
export function decodeAs<T>(schema: z.ZodType<T>, text: string): T[] {
  return decodeLines(text).map((line) => schema.parse(line));
}
