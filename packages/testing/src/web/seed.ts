import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
} from "@assay/sdk";
import { PNG } from "pngjs";
import { z } from "zod";

export const shapes = defineWorkflow({
  name: "Shapes (e2e)",
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

const SIZE = 96;

interface Item {
  locator: string;
  kind: "square" | "wide";
  box: { topLeft: [number, number]; bottomRight: [number, number] };
}

/** Small PNGs with one filled rectangle each: "square" or "wide", somewhere in the frame. */
function writeImages(dir: string, n: number): Item[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 2 === 0 ? "square" : "wide";
    const x = 8 + ((i * 7) % 30);
    const y = 10 + ((i * 5) % 30);
    const [w, h] = kind === "square" ? [40, 40] : [56, 24];
    const png = new PNG({ width: SIZE, height: SIZE });
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        const inside = px >= x && px < x + w && py >= y && py < y + h;
        const at = (py * SIZE + px) * 4;
        png.data[at] = inside ? 40 : 235;
        png.data[at + 1] = inside ? 90 + i : 238;
        png.data[at + 2] = inside ? 200 : 242;
        png.data[at + 3] = 255;
      }
    }
    const locator = join(dir, `shape-${String(i).padStart(3, "0")}.png`);
    writeFileSync(locator, PNG.sync.write(png));
    return { locator, kind, box: { topLeft: [x, y], bottomRight: [x + w, y + h] } };
  });
}

export interface Seeded {
  suiteName: string;
  testCaseNames: string[];
  models: { reference: string; candidate: string; untested: string };
}

/**
 * Registers, through the SDK, a suite of two image test cases and two tested models: `reference-net` is right on
 * every sample, `candidate-net` misses most "wide" shapes, a regression McNemar's test finds on every test case.
 */
export async function seed(
  server: { url: string; token: string },
  dataRoot: string,
): Promise<Seeded> {
  initialize({ url: server.url, token: server.token });
  const items = writeImages(join(dataRoot, "shapes"), 80);
  const truth = (item: Item) => ({
    label: { label: item.kind },
    boxes: [labeledBoundingBox({ ...item.box, label: item.kind })],
  });
  const pairs = items.map((item) => [{ locator: item.locator }, truth(item)] as const);
  const all = await shapes.TestCase.create("all shapes", {
    testSamples: pairs,
    description: "Every shape",
  });
  const first = await shapes.TestCase.create("first half", { testSamples: pairs.slice(0, 40) });
  const suite = await shapes.TestSuite.create("shapes", { testCases: [all, first], tags: ["e2e"] });

  const byLocator = new Map(items.map((item, i) => [item.locator, { item, i }]));
  const predictor = (wrongOnWide: boolean) => (sample: { locator: string }) => {
    const { item, i } = byLocator.get(sample.locator) as { item: Item; i: number };
    const label = wrongOnWide && item.kind === "wide" && i % 10 !== 1 ? "square" : item.kind;
    const shift = wrongOnWide ? 4 : 1;
    return {
      prediction: { label, score: 0.9 },
      boxes: [
        scoredLabeledBoundingBox({
          topLeft: [item.box.topLeft[0] + shift, item.box.topLeft[1] + shift],
          bottomRight: [item.box.bottomRight[0] + shift, item.box.bottomRight[1]],
          label,
          score: 0.9,
        }),
      ],
    };
  };
  const reference = await shapes.Model.create("reference-net", {
    infer: predictor(false),
    tags: ["detector", "stable"],
    metadata: { framework: "onnx", epochs: 12 },
  });
  const candidate = await shapes.Model.create("candidate-net", {
    infer: predictor(true),
    tags: ["detector", "candidate"],
    metadata: { framework: "onnx", epochs: 3 },
  });
  await shapes.Model.create("untested-net", { tags: ["classifier"], metadata: {} });
  for (const model of [reference, candidate]) await test(model, suite, { name: "classification" });
  return {
    suiteName: "shapes",
    testCaseNames: ["all shapes", "first half"],
    models: { reference: "reference-net", candidate: "candidate-net", untested: "untested-net" },
  };
}
