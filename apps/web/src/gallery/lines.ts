import type { JsonObject, JsonValue } from "@assay/workflow";
import { decodeLines } from "@assay/workflow/wire";
import { z } from "zod";

/**
 * The NDJSON lines the gallery reads, typed at the one place they are decoded. The server wrote them from stored
 * canonical JSON it validated, so only the envelope is checked (ids, objects); field values stay JSON.
 */
const json = z.custom<JsonValue>(() => true);
const object = z.record(z.string(), json);

/** A sample as `testCase.samples` pages give it. */
export const SampleLine = z.object({
  id: z.int(),
  testSample: object,
  metadata: object,
  groundTruth: object,
});
export type SampleLine = z.output<typeof SampleLine>;

/** One model's inference of one sample (`model.inferencesForSamples`). */
export const InferenceRow = z.object({ modelId: z.int(), sampleId: z.int(), inference: json });
export type InferenceRow = z.output<typeof InferenceRow>;

/** One sample's metrics in one run and configuration (`testRun.sampleMetricsFor`). */
export const SampleMetricsRow = z.object({ id: z.int(), metrics: object });
export type SampleMetricsRow = z.output<typeof SampleMetricsRow>;

/** NDJSON text → typed rows (a malformed line throws: a server bug to see, not to skip). */
export function decodeAs<T>(schema: z.ZodType<T>, text: string): T[] {
  return decodeLines(text).map((line) => schema.parse(line));
}

/**
 * Each page decoded once, however many hooks read it (samples, and the ids their inferences and metrics are
 * asked for): keyed by the page object TanStack Query keeps for as long as the data is unchanged.
 */
const decoded = new WeakMap<object, SampleLine[]>();
export function samplesOf(page: { lines: string }): SampleLine[] {
  let lines = decoded.get(page);
  if (!lines) {
    lines = decodeAs(SampleLine, page.lines);
    decoded.set(page, lines);
  }
  return lines;
}

export type { JsonObject, JsonValue };
