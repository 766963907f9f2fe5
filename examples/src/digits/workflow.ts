import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  Metadata,
  ScoredClassificationLabel,
} from "@assay/sdk";
import { z } from "zod";

/** Handwritten digits: an 8×8 scan drawn as a PNG file, its digit, and a model's vote for each digit. */
export const digits = defineWorkflow({
  name: "Digits",
  testSample: Image.extend({ metadata: Metadata }),
  groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
  inference: Inference.extend({
    prediction: ScoredClassificationLabel,
    /** Every digit's share of the neighbours' votes: gives the evaluator ROC curves and top-k accuracy. */
    scores: z.array(ScoredClassificationLabel),
  }),
});

export type DigitsWorkflow = typeof digits.workflow;

export const LABELS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

export const SUITE_BY_CLASS = "digits-by-class";
export const SUITE_BY_INK = "digits-by-ink";

/** Ten-class classification: accuracy, per-digit precision and recall, confusion matrix, top-k accuracy. */
export const EVALUATOR = {
  name: "classification",
  options: { labels: LABELS },
  configurations: [{ displayName: "default" }],
} satisfies BuiltInEvaluatorSpec;
