import type { JsonObject, JsonValue } from "@assay/workflow";
import { z } from "zod";

import { decodeAs, json, jsonObject as object } from "../lib/ndjson";

/** The NDJSON lines the gallery reads (see lib/ndjson.ts for what is checked). */

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
