import { writeFileSync } from "node:fs";
import { join } from "node:path";

import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Inference,
  ScoredClassificationLabel,
  Text,
} from "@assay/sdk";
import { runBin } from "../bins";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

/**
 * What the `assay` binary's tests share: a server, a reviews workflow with a suite of two test cases of 4 reviews
 * (and one of those 8 reviews and 8 more, where a difference can be significant), the binary run against the
 * server, and CSV files of inferences.
 */
export interface ReviewsCli {
  server: ServerProcess;
  prefix: string;
  suiteName: string;
  bigSuiteName: string;
  workflow: typeof reviews;
  assay: (args: string[], env?: Record<string, string | undefined>) => ReturnType<typeof runBin>;
  /** A CSV of inferences: `predictions` for the 8 reviews; the 8 more right or wrong as the first one is. */
  csv: (name: string, predictions: string[]) => string;
}

const reviews = defineWorkflow({
  name: `Reviews ${uniquePrefix()}`,
  testSample: Text,
  groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
  inference: Inference.extend({ prediction: ScoredClassificationLabel }),
});
const texts = [
  "loved it",
  "hated it",
  "great value",
  "broke at once",
  "works fine",
  "awful support",
  "superb",
  "meh",
];
const labels = ["pos", "neg", "pos", "neg", "pos", "neg", "pos", "neg"];
const more = Array.from({ length: 8 }, (_, i) => `review number ${i}`);

export async function startReviewsCli(): Promise<ReviewsCli> {
  const server = await startServerProcess();
  const prefix = uniquePrefix();
  const suiteName = `${prefix} reviews`;
  const bigSuiteName = `${prefix} reviews (16)`;
  const half = texts.length / 2;
  const [first, second] = await reviews.TestCase.initMany([
    [
      `${prefix} first`,
      texts.slice(0, half).map((text, i) => [{ text }, { label: { label: labels[i] as string } }]),
    ],
    [
      `${prefix} second`,
      texts
        .slice(half)
        .map((text, i) => [{ text }, { label: { label: labels[half + i] as string } }]),
    ],
  ]);
  await reviews.TestSuite.create(suiteName, {
    testCases: [first, second] as NonNullable<typeof first>[],
    tags: ["cli"],
  });
  const all16 = await reviews.TestCase.create(`${prefix} all 16`, {
    testSamples: [...texts, ...more].map((text, i) => [
      { text },
      { label: { label: i < texts.length ? (labels[i] as string) : i % 2 === 0 ? "pos" : "neg" } },
    ]),
  });
  await reviews.TestSuite.create(bigSuiteName, { testCases: [all16] });
  return {
    server,
    prefix,
    suiteName,
    bigSuiteName,
    workflow: reviews,
    assay: (args, env = {}) =>
      runBin("@assay/sdk", "assay", args, {
        ASSAY_URL: server.url,
        ASSAY_TOKEN: server.token,
        ...env,
      }),
    csv: (name, predictions) => {
      const path = join(server.dir, name);
      const bad = predictions[0] !== labels[0];
      const rows = [
        ...texts.map((text, i) => `"${text}",${predictions[i]},0.8`),
        ...more.map((text, i) => `"${text}",${bad === (i % 2 === 0) ? "neg" : "pos"},0.8`),
      ];
      writeFileSync(path, ["text,prediction.label,prediction.score", ...rows].join("\n"));
      return path;
    },
  };
}

/** The good model's inferences: right on all but one of the 8 reviews ("superb"), and on the 8 more. */
export const GOOD = ["pos", "neg", "pos", "neg", "pos", "neg", "neg", "neg"];
