import { z } from "zod";

/** How the classification evaluator reads samples; every field has a default, so `{}` is valid. */
export const ClassificationOptions = z
  .object({
    /** The ground truth class: a `ClassificationLabel` or a string. */
    groundTruthField: z.string().min(1).default("label"),
    /**
     * The predicted class: a `ScoredClassificationLabel`, a `ClassificationLabel` or a string; missing or null
     * means no prediction (always wrong).
     */
    inferenceField: z.string().min(1).default("prediction"),
    /**
     * Optional: a score per class, a list of `ScoredClassificationLabel`. When present (on every sample), ROC and
     * PR curves, AUC, average precision and top-k accuracy are computed from it; a class missing from a sample's
     * list scores 0. Without it, a binary evaluation uses the prediction's score.
     */
    scoresField: z.string().min(1).default("scores"),
    /** The classes, in display order. Without it: every label seen, sorted. A label outside the list is an error. */
    labels: z.array(z.string()).min(1).optional(),
    /**
     * Binary evaluation: the positive class. Exactly two classes are then expected; per-sample TP/FP/FN/TN and
     * the positive class's ROC and PR curves are reported.
     */
    positiveLabel: z.string().optional(),
    /**
     * A binary evaluation without per-class scores: what the prediction's score is. `predicted-confidence` (the
     * default): the confidence of the predicted label, so the positive class scores 1 - score when the negative
     * class is predicted. `positive-probability`: the probability of the positive class, whatever was predicted.
     * The evaluator warns when the data contradicts the choice.
     */
    binaryScore: z
      .enum(["predicted-confidence", "positive-probability"])
      .default("predicted-confidence"),
    /** Top-k accuracies to report when per-class scores exist (only k below the number of classes). */
    topK: z.array(z.number().int().min(2)).default([2, 3, 5]),
    /**
     * Thresholds of the F1 / precision / recall sweep. Setting it also adds per-sample thresholded metrics (one row
     * per threshold and sample, `ThresholdedMetrics`), which costs memory on large test cases.
     */
    thresholds: z.array(z.number().min(0).max(1)).min(1).optional(),
    /** Points kept per plotted curve (metrics always use every point). */
    maxCurvePoints: z.number().int().min(10).default(500),
  })
  .strict();
export type ClassificationOptions = z.input<typeof ClassificationOptions>;

/**
 * One evaluation setting. With `threshold`, a prediction whose confidence is below it counts as no prediction
 * (multiclass), or the positive class is predicted when its score reaches it (binary).
 */
export const ClassificationConfiguration = z
  .object({
    displayName: z.string().trim().min(1),
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type ClassificationConfiguration = z.input<typeof ClassificationConfiguration>;
