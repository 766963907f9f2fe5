import { describe, expect, it } from "vitest";

import type { EvaluatorConfiguration, MetricsRecord } from "./evaluator";
import { Evaluator } from "./evaluator";
import { expectIssue } from "./test-utils/errors";

interface Threshold extends EvaluatorConfiguration {
  threshold: number;
}

class DummyEvaluator extends Evaluator<
  { locator: string },
  { label: string },
  { score: number },
  Threshold
> {
  computeTestSampleMetrics(
    _testCase: unknown,
    inferences: readonly (readonly [{ locator: string }, { label: string }, { score: number }])[],
    configuration?: Threshold,
  ) {
    return inferences.map(
      ([sample, , inference]) =>
        [sample, { passed: inference.score >= (configuration?.threshold ?? 0.5) }] as const,
    );
  }

  computeTestCaseMetrics(
    _testCase: unknown,
    _inferences: readonly unknown[],
    metrics: readonly MetricsRecord[],
  ) {
    return { n: metrics.length };
  }
}

const at = (threshold: number): Threshold => ({ displayName: `threshold ${threshold}`, threshold });

describe("Evaluator", () => {
  it("is named after its class unless it says otherwise", () => {
    expect(new DummyEvaluator().displayName()).toBe("DummyEvaluator");
    class Renamed extends DummyEvaluator {
      override displayName() {
        return "Renamed evaluator";
      }
    }
    expect(new Renamed().displayName()).toBe("Renamed evaluator");
  });

  it("keeps its configurations, or none", () => {
    expect(new DummyEvaluator().configurations).toEqual([]);
    expect(new DummyEvaluator([at(0.1), at(0.9)]).configurations.map((c) => c.threshold)).toEqual([
      0.1, 0.9,
    ]);
  });

  it("refuses an empty configuration list and duplicate names", () => {
    expectIssue(() => new DummyEvaluator([]), "configurations", /at least one configuration/);
    expectIssue(
      () => new DummyEvaluator([at(0.5), at(0.5)]),
      "configurations",
      /distinct display names/,
    );
  });

  it("has no plots and no suite metrics by default", async () => {
    const evaluator = new DummyEvaluator();
    const testCase = { name: "tc", version: 1 };
    expect(await evaluator.computeTestCasePlots(testCase, [], [])).toBeUndefined();
    expect(await evaluator.computeTestSuiteMetrics({ name: "s", version: 1 }, [])).toBeUndefined();
    expect(
      evaluator.computeTestSampleMetrics(
        testCase,
        [[{ locator: "a" }, { label: "x" }, { score: 0.7 }]],
        at(0.6),
      ),
    ).toEqual([[{ locator: "a" }, { passed: true }]]);
  });
});
