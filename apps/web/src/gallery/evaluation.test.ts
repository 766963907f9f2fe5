import { describe, expect, it } from "vitest";

import type { CaseRun } from "./evaluation";
import { chooseEvaluations, runLabel, sumLabel } from "./evaluation";
import type { SampleFilter } from "./filters";

const run = (
  testRunId: number,
  modelId: number,
  testSuiteId: number,
  extra: Partial<CaseRun> = {},
) =>
  ({
    testRunId,
    modelId,
    modelName: `m${modelId}`,
    evaluator: "Object Detection",
    testSuiteId,
    suiteName: `suite ${testSuiteId}`,
    suiteVersion: 1,
    configurations: ["IoU 0.5", "IoU 0.3"],
    settings: {},
    ...extra,
  }) satisfies CaseRun;

const runs = [
  run(1, 7, 10),
  run(2, 7, 10, { evaluator: "Classification", configurations: [""] }),
  run(3, 7, 20),
  run(4, 8, 20),
];
const metricFilter = (testRunId: number, configuration: string): SampleFilter => ({
  target: "metrics",
  testRunId,
  configuration,
  path: "countFN",
  op: "gt",
  value: 0,
});
const pick = (context: Parameters<typeof chooseEvaluations>[2], models = [7, 8]) =>
  chooseEvaluations(runs, models, context).map((e) => [e.modelId, e.testRunId, e.configuration]);

describe("which evaluations explain a model's mistakes", () => {
  it("takes every run of a model on the suite version the page came from, one per evaluator", () => {
    expect(pick({ suiteId: 10, configuration: undefined, filters: [] })).toEqual([
      [7, 1, "IoU 0.5"],
      [7, 2, ""],
      [8, 4, "IoU 0.5"],
    ]);
  });

  it("follows a metric filter's run and configuration over the suite, and the URL's configuration over both", () => {
    const filters = [metricFilter(3, "IoU 0.3")];
    expect(pick({ suiteId: 10, configuration: undefined, filters }, [7])).toEqual([
      [7, 3, "IoU 0.3"],
    ]);
    expect(pick({ suiteId: 10, configuration: "IoU 0.5", filters }, [7])).toEqual([
      [7, 3, "IoU 0.5"],
    ]);
    // A configuration the run does not have is not forced on it.
    expect(pick({ suiteId: 20, configuration: "nope", filters: [] }, [8])).toEqual([
      [8, 4, "IoU 0.5"],
    ]);
  });

  it("names runs and summed counts for people", () => {
    expect(runLabel(run(1, 7, 10), "IoU 0.5")).toBe("m7 · suite 10 v1 · Object Detection: IoU 0.5");
    expect(runLabel(run(2, 7, 10, { evaluator: null }), "")).toBe("m7 · suite 10 v1");
    expect([sumLabel("countFN"), sumLabel("countConfused"), sumLabel("absoluteError")]).toEqual([
      "FN",
      "Confused",
      "absoluteError",
    ]);
  });
});
