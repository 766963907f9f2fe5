import { describe, expect, it } from "vitest";

import { labeledBoundingBox } from "./annotations";
import { checkMetricsValue } from "./metrics-values";
import { expectIssue } from "./test-utils/errors";

describe("checkMetricsValue", () => {
  it("keeps scalars, NaN included, at every level", () => {
    expect(
      checkMetricsValue("testSuite", { accuracy: NaN, name: "x", ok: true, none: null }),
    ).toEqual({
      accuracy: NaN,
      name: "x",
      ok: true,
      none: null,
    });
  });

  it("accepts nested rows of scalars in test case metrics", () => {
    const metrics = { f1: 0.5, perClass: [{ label: "cat", n: 3, f1: 0.4 }] };
    expect(checkMetricsValue("testCase", metrics)).toEqual(metrics);
  });

  it.each([
    ["testSuite", { a: [1] }, "metrics.a", /only hold scalars/],
    ["testCase", { a: [1, 2] }, "metrics.a[0]", /nested row must be an object/],
    ["testCase", { a: { b: 1 } }, "metrics.a", /lists of nested rows/],
    ["testCase", { a: [{ b: [1] }] }, "metrics.a[0].b", /only hold scalars/],
    ["testSample", { a: { b: 1 } }, "metrics.a", /annotations, assets/],
    ["testSample", { a: [[1]] }, "metrics.a[0]", /lists of lists/],
    [
      "testSample",
      { a: { dataType: "ANNOTATION/POLYGON", points: [[0, 0]] } },
      "metrics.a.points",
      /three points/,
    ],
    ["testSample", { a: { dataType: "PLOT/BAR" } }, "metrics.a", /annotations, assets/],
  ] as const)("%s metrics reject %j", (kind, value, path, reason) => {
    expectIssue(() => checkMetricsValue(kind, value), path, reason);
  });

  it("completes annotations in sample metrics", () => {
    const box = labeledBoundingBox({ topLeft: [0, 0], bottomRight: [2, 2], label: "tp" });
    const { width: _w, area: _a, ...partial } = box;
    expect(checkMetricsValue("testSample", { tp: [partial], count: 1 })).toEqual({
      tp: [box],
      count: 1,
    });
  });

  it("needs an object", () => {
    expectIssue(() => checkMetricsValue("testCase", [1]), "metrics", /JSON object/);
  });
});
