import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";

import type {
  EvaluationResults,
  EvaluatorConfiguration,
  MetricsRecord,
  TestCases,
} from "@assay/sdk";
import {
  curvePlot,
  DeterminismError,
  Evaluator,
  IncorrectUsageError,
  loadResults,
  noOpEvaluator,
  RemoteError,
  test,
  TestRun,
} from "@assay/sdk";
import { dummy, dummyGroundTruths, dummySamples } from "../dummy";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

const { Model, TestCase, TestSuite } = dummy;
type W = typeof dummy.workflow;

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

interface Config extends EvaluatorConfiguration {
  value: string;
}
const config = (value: string): Config => ({
  displayName: `DummyConfiguration(value=${value})`,
  value,
});
const curvePlotOf = (title: string, x: number[], y: number[]) =>
  curvePlot({ title, xLabel: "x", yLabel: "y", curves: [{ x, y }] });

/** Constant metrics and two curve plots per test case, as Kolena's DummyEvaluator. */
class DummyEvaluator extends Evaluator<
  z.output<W["testSample"]>,
  z.output<W["groundTruth"]>,
  z.output<W["inference"]>,
  Config
> {
  computeTestSampleMetrics(
    _tc: unknown,
    inferences: readonly (readonly [z.output<W["testSample"]>, unknown, { score: number }])[],
  ) {
    return inferences.map(([sample, , inference]) => [sample, { value: inference.score }] as const);
  }
  computeTestCaseMetrics(_tc: unknown, _inferences: unknown, metrics: readonly MetricsRecord[]) {
    return { value: metrics.length, n: metrics.length };
  }
  override computeTestCasePlots() {
    return [1, 2].map((k) => curvePlotOf(`plot ${k}`, [0, 1], [k, k]));
  }
  override computeTestSuiteMetrics(_suite: unknown, metrics: readonly unknown[]) {
    return { cases: metrics.length };
  }
}
class DifferentDummyEvaluator extends DummyEvaluator {}

/** Kolena's fixture: suite A holds test cases A (all 10 samples), B (first 5) and C (last 5); suite B is empty. */
async function fixtures() {
  const prefix = uniquePrefix();
  const ts = dummySamples(prefix);
  const gt = dummyGroundTruths();
  const pair = (i: number) => [ts[i]!, gt[i]!] as const;
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => pair(a + i));
  const [tcA, tcB, tcC] = await TestCase.initMany([
    [`${prefix} A`, range(0, 10)],
    [`${prefix} B`, range(0, 5)],
    [`${prefix} C`, range(5, 10)],
  ]);
  const suiteA = await TestSuite.create(`${prefix} suite A`, { testCases: [tcA!, tcB!, tcC!] });
  const suiteB = await TestSuite.create(`${prefix} suite B`);
  const score = (locator: string) => Number(/(\d+)\.png$/.exec(locator)?.[1]) / 10;
  const model = await Model.create(`${prefix} model`, {
    infer: (sample) => ({ score: score(sample.locator) }),
  });
  return { prefix, ts, gt, tcA: tcA!, suiteA, suiteB, model, score };
}

describe("TestRun", () => {
  it("is identified by model, suite version and evaluator name; configurations accumulate", async () => {
    const { model, suiteA, suiteB } = await fixtures();
    const first = await TestRun.init(model, suiteA, new DummyEvaluator([config("a")]));
    expect((await TestRun.init(model, suiteA, new DummyEvaluator([config("a")]))).id).toBe(
      first.id,
    );
    expect((await TestRun.init(model, suiteB, new DummyEvaluator([config("a")]))).id).not.toBe(
      first.id,
    );
    expect(
      (await TestRun.init(model, suiteA, new DummyEvaluator([config("a"), config("b")]))).id,
    ).toBe(first.id);
    expect((await TestRun.init(model, suiteA, new DummyEvaluator([config("c")]))).id).toBe(
      first.id,
    );
    expect(
      (await TestRun.init(model, suiteA, new DifferentDummyEvaluator([config("a")]))).id,
    ).not.toBe(first.id);
  });

  it("needs configurations for an evaluator function that takes one", async () => {
    const { model, suiteA } = await fixtures();
    const configured = (_s: unknown, _g: unknown, _i: unknown, _t: unknown, _c?: Config) =>
      undefined;
    await expect(test(model, suiteA, configured)).rejects.toBeInstanceOf(IncorrectUsageError);
    await expect(test(model, suiteA, configured, { configurations: [] })).rejects.toThrow(
      /requires configuration/,
    );
  });

  it("lists each remaining sample once, with metadata; none after test(), all with reset", async () => {
    const { model, suiteA, ts } = await fixtures();
    const samples = await (await TestRun.init(model, suiteA)).loadTestSamples();
    expect(samples.map((s) => s.value).sort((a, b) => a - b)).toEqual(ts.map((s) => s.value));
    expect(samples.every((s) => s.metadata.extra === s.value)).toBe(true);
    await test(model, suiteA, new DummyEvaluator([config("a")]));
    expect(await (await TestRun.init(model, suiteA)).loadTestSamples()).toEqual([]);
    expect(
      await (await TestRun.init(model, suiteA, undefined, { reset: true })).loadTestSamples(),
    ).toHaveLength(10);
  });

  it("refuses a second inference for a sample unless reset, which replaces it", async () => {
    const { model, suiteA, tcA } = await fixtures();
    const run = await TestRun.init(model, suiteA);
    const samples = await run.loadTestSamples();
    await run.uploadInferences(samples.slice(0, 3).map((s) => [s, { score: 0.5 }]));
    expect(await (await TestRun.init(model, suiteA)).loadTestSamples()).toHaveLength(7);
    const again = run.uploadInferences(samples.slice(0, 3).map((s) => [s, { score: 0.5 }]));
    await expect(again).rejects.toBeInstanceOf(RemoteError);
    await expect(again).rejects.toThrow(/already has an inference.*reset/);
    const reset = await TestRun.init(model, suiteA, undefined, { reset: true });
    await reset.uploadInferences((await reset.loadTestSamples()).map((s) => [s, { score: 42 }]));
    const inferences = await model.loadInferences(tcA);
    expect(inferences).toHaveLength(10);
    expect(inferences.every(([, , inference]) => inference.score === 42)).toBe(true);
  });

  it("test() infers everything once; a later upload for any sample is refused", async () => {
    const { model, suiteA } = await fixtures();
    await test(model, suiteA, new DummyEvaluator([config("a")]));
    const run = await TestRun.init(model, suiteA, new DummyEvaluator([config("a")]));
    expect(await run.loadTestSamples()).toEqual([]);
    const [sample] = await (
      await TestRun.init(model, suiteA, undefined, { reset: true })
    ).loadTestSamples();
    await expect(run.uploadInferences([[sample!, { score: 1 }]])).rejects.toBeInstanceOf(
      RemoteError,
    );
  });

  it("marks the run crashed and re-throws when infer throws", async () => {
    const { prefix, suiteA } = await fixtures();
    const broken = await Model.create(`${prefix} broken`, {
      infer: () => {
        throw new Error("inference failed");
      },
    });
    await expect(test(broken, suiteA, new DummyEvaluator([config("a")]))).rejects.toThrow(
      "inference failed",
    );
    const run = await TestRun.init(broken, suiteA, new DummyEvaluator([config("a")]));
    expect(run.status).toBe("crashed");
    expect(run.toJSON().message).toContain("inference failed");
  });

  it("stores and loads back an unconfigured class evaluator's results", async () => {
    const { model, suiteA } = await fixtures();
    const first = await test(model, suiteA, new DummyEvaluator());
    expect(first.id).toBe((await TestRun.init(model, suiteA, new DummyEvaluator())).id);
    const results = await loadResults(model, suiteA, { evaluator: new DummyEvaluator() });
    expect(results.testSuite).toEqual([{ configuration: "", metrics: { cases: 3 } }]);
    expect(
      results.testCases.map((r) => [r.testCase.name, r.metrics.value, r.plots.length]),
    ).toEqual(suiteA.testCases.map((tc) => [tc.name, tc.sampleCount, 2]));
  });

  it("runs evaluator functions: configured, skipping a configuration, and the no-op evaluator", async () => {
    const { model, suiteA } = await fixtures();
    function evaluate(
      testSamples: z.output<W["testSample"]>[],
      groundTruths: z.output<W["groundTruth"]>[],
      inferences: z.output<W["inference"]>[],
      testCases: TestCases<W>,
      configuration?: Config,
    ): EvaluationResults<W> | undefined {
      if (configuration?.value === "skip") return undefined;
      const metricsTestCase: [ReturnType<typeof suiteA.testCases.at> & object, MetricsRecord][] =
        [];
      const plotsTestCase: [
        ReturnType<typeof suiteA.testCases.at> & object,
        ReturnType<typeof curvePlotOf>[],
      ][] = [];
      for (const [testCase, samples, , infs] of testCases.iter(
        testSamples,
        groundTruths,
        inferences,
      )) {
        metricsTestCase.push([
          testCase,
          { n: samples.length, mean: infs.reduce((a, b) => a + b.score, 0) / infs.length },
        ]);
        plotsTestCase.push([
          testCase,
          [curvePlotOf("a", [0, 1], [0, 1]), curvePlotOf("b", [0, 1], [1, 0])],
        ]);
      }
      return {
        metricsTestSample: testSamples.map((s, i) => [s, { score: inferences[i]!.score }] as const),
        metricsTestCase,
        plotsTestCase,
        metricsTestSuite: { samples: testSamples.length },
      };
    }
    await test(model, suiteA, evaluate, { configurations: [config("a"), config("skip")] });
    const results = await loadResults(model, suiteA, {
      evaluator: evaluate,
      configuration: config("a"),
    });
    expect(results.testSuite[0]?.metrics).toEqual({ samples: 10 });
    expect(results.testCases.map((r) => [r.metrics.n, r.plots.length])).toEqual([
      [10, 2],
      [5, 2],
      [5, 2],
    ]);
    expect(
      (await loadResults(model, suiteA, { evaluator: evaluate, configuration: config("skip") }))
        .testCases,
    ).toEqual([]);
    await test(model, suiteA, noOpEvaluator);
    const noop = await loadResults(model, suiteA, { evaluator: noOpEvaluator });
    expect(noop.testCases.map((r) => r.metrics)).toEqual([{}, {}, {}]);
  });

  it("skips evaluation when nothing new was inferred, unless asked to reevaluate", async () => {
    const { model, suiteA } = await fixtures();
    let calls = 0;
    class Counting extends DummyEvaluator {
      override computeTestCaseMetrics(
        tc: unknown,
        inferences: unknown,
        metrics: readonly MetricsRecord[],
      ) {
        calls++;
        return super.computeTestCaseMetrics(tc, inferences, metrics);
      }
    }
    await test(model, suiteA, new Counting([config("a")]));
    expect(calls).toBe(3);
    await test(model, suiteA, new Counting([config("a")]));
    expect(calls).toBe(3);
    await test(model, suiteA, new Counting([config("a")]), { reevaluate: true });
    expect(calls).toBe(6);
    await test(model, suiteA, new Counting([config("a"), config("b")]));
    expect(calls).toBe(12);
  });

  it("verifies determinism: passes for a deterministic model, reports changed outputs otherwise", async () => {
    const { prefix, suiteA, score } = await fixtures();
    const steady = await Model.create(`${prefix} steady`, {
      infer: (s) => ({ score: score(s.locator) }),
    });
    await test(steady, suiteA, undefined, { verifyDeterminism: 5 });
    let drift = 0;
    const flaky = await Model.create(`${prefix} flaky`, { infer: () => ({ score: drift++ }) });
    const failure = test(flaky, suiteA, undefined, { verifyDeterminism: 3 });
    await expect(failure).rejects.toBeInstanceOf(DeterminismError);
    await expect(failure).rejects.toThrow(/3 of 3 re-inferred samples changed/);
  });

  it("runs async infer with bounded concurrency", async () => {
    const { prefix, suiteA, score } = await fixtures();
    let active = 0;
    let peak = 0;
    const model = await Model.create(`${prefix} async`, {
      infer: async (sample) => {
        peak = Math.max(peak, ++active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
        return { score: score(sample.locator) };
      },
    });
    await test(model, suiteA, undefined, { concurrency: 3 });
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });
});
