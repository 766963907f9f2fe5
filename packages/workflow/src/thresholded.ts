import { z } from "zod";

import { dataTypeField, registerBase } from "./schema/data-type";

/**
 * Per-sample metrics measured at one confidence threshold. A `MetricsTestSample` field holding a list of them
 * (one per threshold, the same thresholds for every sample) lets the UI sweep the threshold. Extend it with
 * the metric fields; `threshold` itself cannot be redeclared.
 */
export const ThresholdedMetrics = registerBase(
  z.object({ threshold: z.number(), dataType: dataTypeField("METRICS/THRESHOLDED") }),
);
export type ThresholdedMetrics = z.output<typeof ThresholdedMetrics>;
