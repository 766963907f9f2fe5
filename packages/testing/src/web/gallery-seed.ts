import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  initialize,
  LabeledBoundingBox,
  labeledBoundingBox,
  ScoredClassificationLabel,
  ScoredLabeledBoundingBox,
  scoredLabeledBoundingBox,
  test,
  Text,
} from "@assay/sdk";
import { PNG } from "pngjs";
import { z } from "zod";

/** Images with boxes and a class each: one workflow for both built-in evaluators the gallery explains. */
export const boxes = defineWorkflow({
  name: "Boxes (gallery e2e)",
  testSample: Image,
  groundTruth: GroundTruth.extend({
    label: ClassificationLabel,
    boxes: z.array(LabeledBoundingBox),
  }),
  inference: Inference.extend({
    prediction: ScoredClassificationLabel,
    boxes: z.array(ScoredLabeledBoundingBox),
  }),
});

export const reviews = defineWorkflow({
  name: "Reviews (gallery e2e)",
  testSample: Text,
  groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
  inference: Inference.extend({ prediction: ScoredClassificationLabel }),
});

export const DETECTION: BuiltInEvaluatorSpec = {
  name: "object-detection",
  configurations: [{ displayName: "IoU 0.5", iouThreshold: 0.5, thresholdStrategy: 0.5 }],
};
export const CLASSIFICATION: BuiltInEvaluatorSpec = { name: "classification" };

const SIZE = 96;
const N = 20;
type Corners = { topLeft: [number, number]; bottomRight: [number, number] };
const square = (x: number, y: number, side = 24): Corners => ({
  topLeft: [x, y],
  bottomRight: [x + side, y + side],
});

/** Sample i's ground truth boxes: two on the first three images, one on the others. */
const truthBoxes = (i: number): Corners[] =>
  i < 3 ? [square(8, 8), square(60, 60)] : [square(10 + (i % 5) * 4, 20)];

/**
 * What `detector-a` finds on sample i, chosen so every count is known at every threshold:
 * - 0–5: a confident box (0.8) on nothing, every ground truth missed: 1 FP, and 2 FN (0–2) or 1 FN (3–5);
 * - 6–9: the right box at 0.4, under the evaluator's 0.5: 1 FN (a TP from a threshold of 0.4 down);
 * - 10–11: the right box at 0.9 and one at 0.7 on nothing: 1 TP and 1 FP (the FP gone above 0.7);
 * - 12–19: the right box at 0.9: 1 TP.
 * At 0.5: 10 TP, 8 FP, 13 FN; 10 samples with an FN.
 */
function detections(i: number): { box: Corners; score: number }[] {
  const truth = truthBoxes(i);
  const right = (score: number) => truth.map((box) => ({ box, score }));
  if (i < 6) return [{ box: square(40, 64, 20), score: 0.8 }];
  if (i < 10) return right(0.4);
  if (i < 12) return [...right(0.9), { box: square(64, 4, 20), score: 0.7 }];
  return right(0.9);
}

/** Even samples are cats, odd ones dogs; detector-a calls the dogs 1, 3 and 5 cats. */
const truthLabel = (i: number) => (i % 2 === 0 ? "cat" : "dog");
const predictedLabel = (i: number) => ([1, 3, 5].includes(i) ? "cat" : truthLabel(i));

function writeImage(dir: string, i: number): string {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let at = 0; at < SIZE * SIZE * 4; at += 4) {
    png.data[at] = 230;
    png.data[at + 1] = 232;
    png.data[at + 2] = 236;
    png.data[at + 3] = 255;
  }
  const locator = join(dir, `box-${String(i).padStart(2, "0")}.png`);
  writeFileSync(locator, PNG.sync.write(png));
  return locator;
}

export interface GallerySeed {
  suiteName: string;
  testCaseName: string;
  textCaseName: string;
  /** The texts, in order: the first words a tile must show. */
  texts: string[];
}

/**
 * Registers through the SDK: a suite "boxes" with a test case of 20 images, `detector-a` tested by the object
 * detection and classification evaluators, `detector-b` tested only on the suite "half" (so it has no inference
 * for the first ten images), and a test case of long reviews (text samples).
 */
export async function seedGallery(
  server: { url: string; token: string },
  dataRoot: string,
): Promise<GallerySeed> {
  initialize({ url: server.url, token: server.token });
  const dir = join(dataRoot, "boxes");
  mkdirSync(dir, { recursive: true });
  const locators = Array.from({ length: N }, (_, i) => writeImage(dir, i));
  const index = new Map(locators.map((locator, i) => [locator, i]));
  const pairs = locators.map(
    (locator, i) =>
      [
        { locator },
        {
          label: { label: truthLabel(i) },
          boxes: truthBoxes(i).map((box) => labeledBoundingBox({ ...box, label: "box" })),
        },
      ] as const,
  );
  const all = await boxes.TestCase.create("all boxes", { testSamples: pairs });
  const half = await boxes.TestCase.create("second half", { testSamples: pairs.slice(10) });
  const suite = await boxes.TestSuite.create("boxes", { testCases: [all] });
  const halfSuite = await boxes.TestSuite.create("half", { testCases: [half] });
  const infer = (sample: { locator: string }) => {
    const i = index.get(sample.locator) ?? 0;
    return {
      prediction: { label: predictedLabel(i), score: 0.9 },
      boxes: detections(i).map(({ box, score }) =>
        scoredLabeledBoundingBox({ ...box, label: "box", score }),
      ),
    };
  };
  const a = await boxes.Model.create("detector-a", { infer });
  const b = await boxes.Model.create("detector-b", { infer });
  await test(a, suite, DETECTION);
  await test(a, suite, CLASSIFICATION);
  await test(b, halfSuite, DETECTION);

  const texts = [
    "Absolutely wonderful from the first page to the last: the characters breathe.",
    "Boring. " + "The plot drags on and on without going anywhere at all. ".repeat(12),
    "Charming, if a little long in the middle chapters.",
  ];
  await reviews.TestCase.create("long reviews", {
    testSamples: texts.map((text, i) => [{ text }, { label: { label: i === 1 ? "neg" : "pos" } }]),
  });
  return {
    suiteName: "boxes",
    testCaseName: "all boxes",
    textCaseName: "long reviews",
    texts,
  };
}
