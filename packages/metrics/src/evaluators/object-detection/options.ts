import { z } from "zod";

/** How the object detection evaluator reads samples. Every field has a default, so `{}` is valid. */
export const ObjectDetectionOptions = z
  .object({
    /** Ground truth boxes or polygons (labeled for many classes). */
    groundTruthField: z.string().min(1).default("boxes"),
    /** Ground truths that count neither as found nor as missed (optional field). */
    ignoredGroundTruthField: z.string().min(1).default("ignoredBoxes"),
    /** Inferred boxes or polygons, each with a `score` (and a `label` for many classes). */
    inferenceField: z.string().min(1).default("boxes"),
    /** A boolean on the inference; `true` leaves the whole sample out of the metrics (optional field). */
    ignoredInferenceField: z.string().min(1).default("ignored"),
    /**
     * `"auto"` (Kolena's rule): a test case with two or more labels is evaluated per class, otherwise as a single
     * class. `true` / `false` force one way.
     */
    multiclass: z.union([z.boolean(), z.literal("auto")]).default("auto"),
    /** Fields that must be equal for a ground truth and an inference to match (e.g. a frame id). */
    requiredMatchFields: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type ObjectDetectionOptions = z.input<typeof ObjectDetectionOptions>;

/** One evaluation setting, Kolena's `ThresholdConfiguration`. */
export const ObjectDetectionConfiguration = z
  .object({
    displayName: z.string().trim().min(1),
    /** A fixed confidence threshold, or `"F1-Optimal"`: per class, the threshold of best F1. */
    thresholdStrategy: z.union([z.number().min(0).max(1), z.literal("F1-Optimal")]).default(0.5),
    /** Minimum IoU for a match. */
    iouThreshold: z.number().min(0).max(1).default(0.5),
    /** Inferences below this score are dropped before matching. */
    minConfidenceScore: z.number().min(0).max(1).default(0),
  })
  .strict();
export type ObjectDetectionConfiguration = z.input<typeof ObjectDetectionConfiguration>;
export type ResolvedDetectionConfiguration = z.output<typeof ObjectDetectionConfiguration>;

/** Used when the evaluator runs without configurations. */
export const DEFAULT_DETECTION_CONFIGURATION: ResolvedDetectionConfiguration = {
  displayName: "default",
  thresholdStrategy: 0.5,
  iouThreshold: 0.5,
  minConfidenceScore: 0,
};
