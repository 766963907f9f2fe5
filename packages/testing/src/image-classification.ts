import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  ScoredClassificationLabel,
} from "@assay/sdk";

/**
 * The data of the tests that need many samples and a server-side evaluation, not any particular content: images
 * labelled with one of four classes, and a model that is right four times in five.
 */
export function imageClassification(name: string) {
  return defineWorkflow({
    name,
    testSample: Image,
    groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
    inference: Inference.extend({ prediction: ScoredClassificationLabel }),
  });
}

const CLASSES = ["cat", "dog", "bird", "fish"];
const labelOf = (i: number) => CLASSES[i % CLASSES.length] as string;

/** `n` (image, label) pairs under `prefix`, numbered from `from`. */
export function labeledImages(prefix: string, n: number, from = 0) {
  return Array.from(
    { length: n },
    (_, i) =>
      [
        { locator: `s3://${prefix}/${from + i}.png` },
        { label: { label: labelOf(from + i) } },
      ] as const,
  );
}

/** Right unless the image's number is a multiple of 5; its score is the number's last two digits / 100. */
export function fourInFive({ locator }: { locator: string }) {
  const i = Number(/(\d+)\.png$/.exec(locator)?.[1]);
  return { prediction: { label: labelOf(i % 5 === 0 ? i + 1 : i), score: (i % 100) / 100 } };
}

/** The built-in classification evaluator with one configuration. */
export const classificationSpec: BuiltInEvaluatorSpec = {
  name: "classification",
  configurations: [{ displayName: "default" }],
};
