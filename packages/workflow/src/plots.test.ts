import { describe, expect, it } from "vitest";

import { parseWith } from "./schema/parse";
import { BarPlot, ConfusionMatrix, Curve, CurvePlot, Histogram, Plot } from "./plots";
import { expectInvalid, expectIssue } from "./test-utils/errors";

const titled = { title: "test", xLabel: "x", yLabel: "y" };

describe("Curve", () => {
  it.each([
    { x: [1, 2], y: [] },
    { x: [1, 2], y: [1] },
    { x: [1, 2], y: [1, 2], extra: "test" },
    { x: [1, 2], y: [1, 2], extra: [1, 2, 3] },
    { x: [1, 2], y: [1, 2], extra: { a: [] } },
    { x: [1, 2], y: [1, 2], extra: { a: [1] } },
    { x: [1, 2], y: [1, 2], extra: { a: [1, 2, 3] } },
    { x: [1, 2], y: [1, 2], label: "test", extra: { a: [1] } },
    { x: [1, 2], y: [1, 2], label: "test", extra: { a: null } },
    { x: [1, null], y: [1, 2] },
  ])("rejects %j", (curve) => {
    expectInvalid(() => parseWith(Curve, curve, "curve"));
  });

  it("says which series is the wrong length", () => {
    expectIssue(
      () => parseWith(Curve, { x: [1, 2], y: [1] }, "curve"),
      "curve.y",
      /same length \(2 and 1\)/,
    );
    expectIssue(
      () => parseWith(Curve, { x: [1, 2], y: [1, 2], extra: { a: [1] } }, "curve"),
      "curve.extra.a",
      /one value per point \(2\), got 1/,
    );
  });
});

describe("CurvePlot", () => {
  it("accepts no curves, and curves with extras or without", () => {
    parseWith(CurvePlot, { ...titled, curves: [] }, "plot");
    parseWith(
      CurvePlot,
      {
        ...titled,
        curves: [
          { label: "a", x: [1, 2, 3], y: [2, 3, 4], extra: { a: [1, 2, 3], b: [1, 2, 3] } },
          { label: "b", x: [1.0, 2.5, 3], y: [-2, -3.0, -4.5] },
          { label: "nan", x: [0, 1], y: [NaN, Infinity] },
        ],
      },
      "plot",
    );
  });

  it("rejects a bad curve or axis", () => {
    expectIssue(
      () => parseWith(CurvePlot, { ...titled, curves: [{ x: [1, 2], y: [1, 2, 3] }] }, "plot"),
      "plot.curves[0].y",
      /same length/,
    );
    expectIssue(
      () =>
        parseWith(
          CurvePlot,
          { ...titled, curves: [{ x: [1], y: [2] }], xConfig: { type: "other" } },
          "plot",
        ),
      "plot.xConfig.type",
      /"linear" \| "log"|linear/,
    );
  });

  it("serialises with its tag", () => {
    expect(
      CurvePlot.parse({
        ...titled,
        curves: [{ label: "a", x: [1, 2, 3], y: [2, 3, 4] }],
        yConfig: { type: "log" },
      }),
    ).toEqual({
      ...titled,
      curves: [{ label: "a", x: [1, 2, 3], y: [2, 3, 4] }],
      yConfig: { type: "log" },
      dataType: "PLOT/CURVE",
    });
  });
});

describe("ConfusionMatrix", () => {
  it("accepts a square matrix with one row and column per label", () => {
    const plot = ConfusionMatrix.parse({
      title: "Cat and Dog",
      labels: ["Cat", "Dog"],
      matrix: [
        [90, 10],
        [5, 95],
      ],
    });
    expect(plot).toMatchObject({
      xLabel: "Predicted",
      yLabel: "Actual",
      dataType: "PLOT/CONFUSION_MATRIX",
    });
  });

  it.each([
    [[], []],
    [[], [[]]],
    [["a"], [[90]]],
    [
      ["a", "b"],
      [90, 10],
    ],
    [
      ["a", "b"],
      [90, 10, 80, 20],
    ],
    [
      ["a", "b"],
      [[90, 10], [80]],
    ],
    [
      ["a", "b"],
      [
        [90, 10],
        [80, 20, 10],
      ],
    ],
    [
      ["a", "b"],
      [
        [90, 10, 0],
        [80, 20],
      ],
    ],
    [
      ["a", "b"],
      [
        [90, 10],
        [80, 20],
        [10, 10],
      ],
    ],
    [
      ["a", "b", "c"],
      [
        [90, 10],
        [80, 20],
      ],
    ],
    [
      ["a", "b", "c"],
      [
        [90, 10],
        [80, 20],
        [10, 10],
      ],
    ],
  ])("rejects labels %j with matrix %j", (labels, matrix) => {
    expectInvalid(() =>
      parseWith(ConfusionMatrix, { title: "t", xLabel: "x", yLabel: "a", labels, matrix }, "cm"),
    );
  });
});

describe("Histogram", () => {
  it.each([
    [[1.0, 1.1], [4.2], undefined],
    [[-3, -2, -1, 0, 1, 2, 3], [0, 1, 2, 1, 4.4, 0.2], undefined],
    [
      [1, 2, 3],
      [
        [2, 3],
        [4, 5],
        [6, 7],
      ],
      ["a", "b", "c"],
    ],
    [[1, 2, 3], [[2, 3]], ["a"]],
  ])("accepts buckets %j, frequency %j, labels %j", (buckets, frequency, labels) => {
    parseWith(Histogram, { ...titled, buckets, frequency, labels }, "histogram");
  });

  it.each([
    [[], [], undefined],
    [[1], [], undefined],
    [[1], [1, 2, 3], undefined],
    [[1, 2, 3], [1], undefined],
    [["a", "b"], [90], undefined],
    [[2, 4, 3.9], [2, 3], undefined],
    [[-3, -2, -1, 0, 1, 2, -3], [0, 1, 2, 1, 4.4, 0.2], undefined],
    [[1, 2], [[90]], undefined],
    [
      [1, 2, 3],
      [
        [1, 2],
        [3, 4],
      ],
      ["a"],
    ],
    [
      [1, 2, 3],
      [
        [1, 2],
        [3, 4],
      ],
      ["a", "b", "c"],
    ],
    [
      [1, 2, 3],
      [[1, 2], [3]],
      ["a", "b"],
    ],
    [
      [1, 2, 3],
      [
        [1, 2],
        [3, 4, 5],
      ],
      ["a", "b"],
    ],
  ])("rejects buckets %j, frequency %j, labels %j", (buckets, frequency, labels) => {
    expectInvalid(() =>
      parseWith(Histogram, { ...titled, buckets, frequency, labels }, "histogram"),
    );
  });

  it("explains the rule it broke", () => {
    expectIssue(
      () => parseWith(Histogram, { ...titled, buckets: [1, 2], frequency: [[90]] }, "h"),
      "h.labels",
      /labels are required/,
    );
    expectIssue(
      () => parseWith(Histogram, { ...titled, buckets: [2, 4, 3.9], frequency: [2, 3] }, "h"),
      "h.buckets[2]",
      /strictly increasing/,
    );
  });

  it("serialises as Kolena's, in camelCase", () => {
    const histogram = {
      ...titled,
      buckets: [-3, -2, -1, 0, 1, 2, 3],
      frequency: [
        [0, 1, 2, 1, 4.4, 0.2],
        [0, 1, 2, 3, 4, 5],
      ],
      labels: ["a", "b"],
      yConfig: { type: "log" as const },
    };
    expect(Histogram.parse(histogram)).toEqual({ ...histogram, dataType: "PLOT/HISTOGRAM" });
  });
});

describe("BarPlot", () => {
  it.each([
    [true, ["a", "b"], [1, 2]],
    [true, ["a"], [1]],
    [
      true,
      Array.from({ length: 10 }, (_, i) => String(i)),
      Array.from({ length: 10 }, (_, i) => i),
    ],
    [true, ["a", "b"], [1.5, null]],
    [true, [1, 2], [1.5, null]],
    [true, ["a", 2, 3.5], [1.5, null, -1]],
    [false, ["a"], [1, 2, 3]],
    [false, ["a", "b"], [1]],
    [false, ["a"], []],
    [false, [], [1]],
    [false, [], []],
  ])("valid=%s for labels %j and values %j", (valid, labels, values) => {
    const parse = () =>
      parseWith(BarPlot, { title: "tester", xLabel: "x", yLabel: "y", labels, values }, "bar");
    if (valid) expect(parse).not.toThrow();
    else expectInvalid(parse);
  });
});

describe("Plot", () => {
  it("tells plots apart by their tag", () => {
    const bar = BarPlot.parse({ title: "t", xLabel: "x", yLabel: "y", labels: ["a"], values: [1] });
    expect(Plot.parse(bar)).toEqual(bar);
    expectInvalid(() => parseWith(Plot, { ...bar, dataType: "PLOT/PIE" }, "plot"));
  });
});
