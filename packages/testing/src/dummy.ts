import { z } from "zod";

import {
  BoundingBox,
  boundingBox,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  Metadata,
} from "@assay/sdk";

/** Kolena's integration-test workflow: "Dummy Workflow 🤖" with overlapping test cases A, B and C. */
export const dummy = defineWorkflow({
  name: "Dummy Workflow 🤖",
  testSample: Image.extend({ value: z.int(), bbox: BoundingBox, metadata: Metadata }),
  groundTruth: GroundTruth.extend({ label: z.string(), value: z.int() }),
  inference: Inference.extend({ score: z.number() }),
});

export function dummySamples(prefix: string, n = 10) {
  return Array.from({ length: n }, (_, i) => ({
    locator: `https://fake-locator/${prefix}/${i}.png`,
    value: i,
    bbox: boundingBox({ topLeft: [i, i], bottomRight: [i + 10, i + 10] }),
    metadata: { extra: i },
  }));
}

export function dummyGroundTruths(n = 10) {
  return Array.from({ length: n }, (_, i) => ({ label: `ground truth ${i}`, value: i }));
}

/** Samples sorted by locator, for order-free comparison. */
export const byLocator = <T extends { locator: string }>(samples: T[]) =>
  [...samples].sort((a, b) => a.locator.localeCompare(b.locator));
