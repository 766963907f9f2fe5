/**
 * test() on workflows of their own: a built-in evaluator run by the SDK or by the server (same results, the same
 * metric meanings kept with the run), and non-finite values through inferences and metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ClassificationLabel,
  createBuiltInEvaluator,
  defineWorkflow,
  Evaluator,
  getClient,
  GroundTruth,
  Inference,
  loadResults,
  ScoredClassificationLabel,
  test,
  TestSample,
  Text,
} from "@assay/sdk";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

describe("test() with a built-in evaluator", () => {
  const sentiment = defineWorkflow({
    name: "Sentiment (SDK tests)",
    testSample: Text,
    groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
    inference: Inference.extend({ prediction: ScoredClassificationLabel }),
  });

  it("gives the same results evaluated by the SDK or by the server", async () => {
    const prefix = uniquePrefix();
    const words = ["good", "bad", "fine", "awful", "great", "poor"];
    const pairs = words.map(
      (text, i) =>
        [{ text: `${prefix} ${text}` }, { label: { label: i % 2 === 0 ? "pos" : "neg" } }] as const,
    );
    const tc = await sentiment.TestCase.create(`${prefix} all`, { testSamples: pairs });
    const suite = await sentiment.TestSuite.create(`${prefix} suite`, { testCases: [tc] });
    const model = await sentiment.Model.create(`${prefix} model`, {
      infer: (sample) => ({
        prediction: { label: /good|great|fine/.test(sample.text) ? "pos" : "neg", score: 0.9 },
      }),
    });
    const spec: BuiltInEvaluatorSpec = {
      name: "classification",
      configurations: [{ displayName: "default" }],
    };
    await test(model, suite, spec);
    const onServer = await loadResults(model, suite, { evaluator: spec });
    const otherModel = await sentiment.Model.create(`${prefix} twin`, { infer: model.infer });
    await test(otherModel, suite, createBuiltInEvaluator(spec));
    const inSdk = await loadResults(otherModel, suite, { evaluator: "Classification" });
    expect(onServer.testCases[0]?.metrics.accuracy).toBe(1);
    expect(inSdk.testCases[0]?.metrics).toEqual(onServer.testCases[0]?.metrics);
    expect(inSdk.testCases[0]?.plots).toEqual(onServer.testCases[0]?.plots);
    // Either way, the run keeps what the evaluator declares its metrics to mean.
    for (const tested of [model, otherModel]) {
      const run = await getClient().call((trpc) =>
        trpc.testRun.find.query({
          modelId: tested.id,
          testSuiteId: suite.id,
          evaluator: "Classification",
        }),
      );
      expect(run?.metricMeanings.accuracy).toEqual({
        kind: "proportion",
        higherIsBetter: true,
        displayName: "Accuracy",
        of: "correct",
      });
      expect(run?.metricMeanings.n).toEqual({ kind: "count", displayName: "Samples" });
    }
  });
});

describe("non-finite values (Kolena's nan_workflow)", () => {
  it("round-trip through test(), inferences and metrics", async () => {
    const nan = defineWorkflow({
      name: "nan_workflow",
      testSample: TestSample.extend({ value: z.number() }),
      groundTruth: GroundTruth.extend({ value: z.number() }),
      inference: Inference.extend({ value: z.number() }),
    });
    const prefix = uniquePrefix();
    const values = [-Infinity, Infinity, NaN];
    const tc = await nan.TestCase.create(`${prefix} nan`, {
      testSamples: values.map((value, i) => [{ value, id: i } as { value: number }, { value }]),
    });
    const suite = await nan.TestSuite.create(`${prefix} nan suite`, { testCases: [tc] });
    const model = await nan.Model.create(`${prefix} nan model`, {
      infer: (sample) => ({ value: sample.value }),
    });
    class MinMax extends Evaluator {
      computeTestSampleMetrics(
        _tc: unknown,
        inferences: readonly (readonly [Record<string, unknown>, unknown, unknown])[],
      ) {
        return inferences.map(([sample]) => [sample, {}] as const);
      }
      computeTestCaseMetrics() {
        return { min: -Infinity, max: NaN, avg: NaN };
      }
    }
    await test(model, suite, new MinMax());
    const triples = await model.loadInferences(tc);
    expect(triples.map(([s, g, i]) => [s.value, g.value, i.value]).sort()).toEqual(
      values.map((v) => [v, v, v]).sort(),
    );
    expect(
      (await loadResults(model, suite, { evaluator: new MinMax() })).testCases[0]?.metrics,
    ).toEqual({
      min: -Infinity,
      max: NaN,
      avg: NaN,
    });
  });
});
