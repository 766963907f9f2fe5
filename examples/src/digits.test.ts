import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { digitPath, run } from "./digits";
import { loadDigits, TRAIN_SIZE } from "./digits/data";
import { readDigit } from "./digits/images";
import { knnModel } from "./digits/models";
import { digits, EVALUATOR, SUITE_BY_CLASS, SUITE_BY_INK } from "./digits/workflow";
import type { ExampleReport } from "./shared/example";
import type { ExampleServer } from "./testing";
import { caseMetrics, checkDeterminism, inferredCounts, startExampleServer } from "./testing";

let env: ExampleServer;
let first: ExampleReport;
const silent = () => undefined;
const all = loadDigits();

beforeAll(async () => {
  env = await startExampleServer();
  first = await run({ dataRoot: env.dataRoot, log: silent });
});
afterAll(() => env.stop());

const load = async () => {
  const train = all.slice(0, TRAIN_SIZE);
  const [k5, k1] = [knnModel(train, 5), knnModel(train, 1)];
  return {
    byClass: await digits.TestSuite.load(SUITE_BY_CLASS),
    byInk: await digits.TestSuite.load(SUITE_BY_INK),
    k5: await digits.Model.load(k5.name, { infer: k5.infer }),
    k1: await digits.Model.load(k1.name, { infer: k1.infer }),
  };
};

describe("the digits example", () => {
  it("infers each test digit once per model, across both suites", () => {
    expect(inferredCounts(first)).toEqual([
      "knn-k5 on digits-by-class: 180",
      "knn-k5 on digits-by-ink: 0",
      "knn-k1 on digits-by-class: 180",
      "knn-k1 on digits-by-ink: 0",
    ]);
  });

  it("reproduces scikit-learn's published kNN accuracy, 0.961111 (173 of 180)", async () => {
    const { byClass, k5 } = await load();
    const metrics = await caseMetrics(k5, byClass, EVALUATOR, "digits: all");
    expect(metrics.n).toBe(180);
    expect(metrics.nCorrect).toBe(173);
    expect(metrics.accuracy).toBeCloseTo(0.961111, 6);
  });

  it("gives 1-NN the accuracy scikit-learn 1.2.1 computes, 0.966667 (174 of 180)", async () => {
    const { byInk, k1 } = await load();
    const metrics = await caseMetrics(k1, byInk, EVALUATOR, "digits: all");
    expect(metrics.nCorrect).toBe(174);
  });

  it("stratifies the 180 digits by class and by ink", async () => {
    const { byClass, byInk } = await load();
    const sizes = (suite: typeof byClass) =>
      suite.testCases.slice(1).reduce((sum, testCase) => sum + testCase.sampleCount, 0);
    expect(byClass.testCases.map((testCase) => testCase.name)).toEqual([
      "digits: all",
      ...Array.from({ length: 10 }, (_, digit) => `digits: class ${digit}`),
    ]);
    expect(byInk.testCases.map((testCase) => testCase.name)).toEqual([
      "digits: all",
      "digits: light ink",
      "digits: medium ink",
      "digits: heavy ink",
    ]);
    expect(sizes(byClass)).toBe(180);
    expect(sizes(byInk)).toBe(180);
    for (const testCase of byClass.testCases.slice(1)) {
      const labels = (await testCase.loadTestSamples()).map(([, truth]) => truth.label.label);
      expect(new Set(labels)).toEqual(new Set([testCase.name.slice(-1)]));
    }
  });

  it("draws every test digit to a PNG that the asset proxy serves and that reads back exactly", async () => {
    const { byClass } = await load();
    const samples = await byClass.testCases[0]!.loadTestSamples();
    expect(samples).toHaveLength(180);
    for (const [sample] of samples) {
      const index = sample.metadata.index as number;
      expect(sample.locator).toBe(digitPath(env.dataRoot, all[index]!));
      expect(readDigit(sample.locator)).toEqual(all[index]!.pixels);
    }
    const locator = samples[0]![0].locator;
    const response = await fetch(`${env.server.url}/assets?path=${encodeURIComponent(locator)}`, {
      headers: { authorization: `Bearer ${env.server.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(locator))).toBe(true);
  });

  it("infers nothing when run a second time", async () => {
    const second = await run({ dataRoot: env.dataRoot, log: silent });
    expect(second.runs.map((r) => r.inferred)).toEqual([0, 0, 0, 0]);
  });

  it("has deterministic models (verifyDeterminism)", async () => {
    const { byClass, k5, k1 } = await load();
    expect(await checkDeterminism([k5, k1], byClass, 180)).toEqual({
      "knn-k5": 180,
      "knn-k1": 180,
    });
  });
});
