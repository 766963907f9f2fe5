import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  ScoredClassificationLabel,
} from "@assay/sdk";

/** The SDK benchmarks' data: image samples with one of ten classes, as an image classification set has. */
export const classification = defineWorkflow({
  name: "Bench classification",
  testSample: Image,
  groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
  inference: Inference.extend({ prediction: ScoredClassificationLabel }),
});

export const CLASSES = [
  "airplane",
  "bird",
  "car",
  "cat",
  "deer",
  "dog",
  "frog",
  "horse",
  "ship",
  "truck",
] as const;

export const locatorOf = (i: number) => `s3://bench/images/${i}.png`;
export const labelOf = (i: number) => CLASSES[(i * 7919) % CLASSES.length] as string;

/** The `n` (test sample, ground truth) pairs numbered from `from`, generated as they are consumed. */
export function* samplePairs(n: number, from = 0) {
  for (let i = from; i < from + n; i++)
    yield [{ locator: locatorOf(i) }, { label: { label: labelOf(i) } }] as const;
}
