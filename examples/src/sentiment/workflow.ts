import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Inference,
  Metadata,
  ScoredClassificationLabel,
  Text,
} from "@assay/sdk";
import { z } from "zod";

/**
 * Binary sentiment of one sentence. The UCI files repeat a few sentences, so a sample is the sentence at a line
 * of a site's file: each of the 1000 sentences per site counts once, as in the published benchmark.
 */
export const sentiment = defineWorkflow({
  name: "Sentiment",
  testSample: Text.extend({ site: z.string(), line: z.int(), metadata: Metadata }),
  groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
  // Optional: a model that has nothing to say about a sentence (a missing row in a file) predicts nothing.
  inference: Inference.extend({ prediction: ScoredClassificationLabel.optional() }),
});

export type SentimentWorkflow = typeof sentiment.workflow;

export const LABELS = ["negative", "positive"] as const;
export type SentimentLabel = (typeof LABELS)[number];

export const SUITE = "sentiment";

/** Binary classification with "positive" as the positive class: accuracy, precision, recall, ROC. */
export const EVALUATOR = {
  name: "classification",
  options: { labels: [...LABELS], positiveLabel: "positive" },
  configurations: [{ displayName: "default" }],
} satisfies BuiltInEvaluatorSpec;
