import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TestRun } from "@assay/sdk";

import { exportPath, run } from "./sentiment";
import { csvModel } from "./sentiment/csv-export";
import { loadSentences } from "./sentiment/data";
import { afinnHasOpinion, afinnModel, afinnScore, predictionFromScore } from "./sentiment/models";
import { EVALUATOR, sentiment, SUITE } from "./sentiment/workflow";
import type { ExampleServer } from "./testing";
import { assayCli, caseMetrics, checkDeterminism, startExampleServer } from "./testing";

let env: ExampleServer;

beforeAll(async () => {
  env = await startExampleServer();
  await run({ dataRoot: env.dataRoot, log: () => undefined });
});
afterAll(() => env.stop());

/** `assay test` on the exported CSV, as in the README: no code, only the file and the evaluator's JSON. */
function assayTest(model: string) {
  return assayCli(env, [
    "test",
    "--model",
    model,
    "--suite",
    SUITE,
    "--inferences",
    exportPath(env.dataRoot),
    "--key",
    "text",
    "--evaluator",
    "classification",
    "--options",
    JSON.stringify(EVALUATOR.options),
    "--config",
    JSON.stringify(EVALUATOR.configurations[0]),
    "--json",
  ]);
}

describe("the sentiment example's CSV path", () => {
  it("gives a sentence without a row an empty inference, and every other one the scorer's", async () => {
    const suite = await sentiment.TestSuite.load(SUITE);
    const model = await sentiment.Model.load("afinn-165-csv");
    let empty = 0;
    for (const testCase of suite.testCases) {
      for (const [sample, , inference] of await model.loadInferences(testCase)) {
        if (afinnHasOpinion(sample.text)) {
          expect(inference.prediction).toMatchObject(predictionFromScore(afinnScore(sample.text)));
        } else {
          expect(inference).toEqual({});
          empty += 1;
        }
      }
    }
    // Sentences in which AFINN-165 knows no word: 239 (amazon) + 190 (imdb) + 265 (yelp).
    expect(empty).toBe(694);
  });

  it("counts a missing row as a wrong prediction", async () => {
    const suite = await sentiment.TestSuite.load(SUITE);
    const csv = await sentiment.Model.load("afinn-165-csv");
    const afinn = await sentiment.Model.load(afinnModel.name);
    for (const site of ["amazon", "imdb", "yelp"] as const) {
      // The scorer calls a sentence without opinion words positive; without a row, the CSV model says nothing.
      const silentButRight = loadSentences(site).filter(
        ({ text, label }) => !afinnHasOpinion(text) && label === "positive",
      ).length;
      const name = `sentiment: ${site}`;
      const withCsv = await caseMetrics(csv, suite, EVALUATOR, name);
      const withCode = await caseMetrics(afinn, suite, EVALUATOR, name);
      expect(withCsv.nCorrect).toBe((withCode.nCorrect as number) - silentButRight);
    }
  });

  it("gives the same results with `assay test --inferences` and no code", async () => {
    const cli = await assayTest("afinn-165-csv-cli");
    expect(cli.err).toBe("");
    expect(cli.code).toBe(0);
    const printed = JSON.parse(cli.out) as {
      testCases: { name: string; configuration: string; metrics: unknown }[];
    };
    const suite = await sentiment.TestSuite.load(SUITE);
    const csv = await sentiment.Model.load("afinn-165-csv");
    expect(printed.testCases.map((item) => item.name)).toEqual(
      suite.testCases.map((testCase) => testCase.name),
    );
    for (const item of printed.testCases) {
      expect(item.configuration).toBe("default");
      expect(item.metrics).toEqual(await caseMetrics(csv, suite, EVALUATOR, item.name));
    }
  });

  it("reuses the SDK's test run when `assay test` names the same model", async () => {
    const suite = await sentiment.TestSuite.load(SUITE);
    const model = await sentiment.Model.load("afinn-165-csv");
    const before = (await TestRun.init(model, suite, EVALUATOR)).toJSON();
    const cli = await assayTest("afinn-165-csv");
    expect(cli.code).toBe(0);
    const after = (await TestRun.init(model, suite, EVALUATOR)).toJSON();
    expect(after.id).toBe(before.id);
    expect((JSON.parse(cli.out) as { testRun: { id: number } }).testRun.id).toBe(before.id);
  });

  it("has a deterministic file model (verifyDeterminism)", async () => {
    const suite = await sentiment.TestSuite.load(SUITE);
    const spec = csvModel(exportPath(env.dataRoot));
    const model = await sentiment.Model.load(spec.name, { infer: spec.infer });
    expect(await checkDeterminism([model], suite, 3000)).toEqual({ "afinn-165-csv": 3000 });
  });
});
