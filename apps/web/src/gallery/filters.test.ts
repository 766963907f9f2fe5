import { describe, expect, it } from "vitest";

import { decodeFilter, describeFilter, encodeFilter, filterValue } from "./filters";

describe("URL filters", () => {
  it.each([
    { target: "metadata", path: "weather", op: "eq", value: "sunny" },
    { target: "groundTruth", path: "label.label", op: "in", value: ["cat", "dog"] },
    { target: "inference", path: "prediction.score", op: "gte", value: 0.5, modelId: 7 },
    {
      target: "metrics",
      path: "correct",
      op: "eq",
      value: false,
      testRunId: 3,
      configuration: "t=0.5",
    },
  ] as const)("round-trip %j", (filter) => {
    expect(decodeFilter(encodeFilter(filter as never))).toEqual(filter);
  });

  it("refuses malformed filters", () => {
    expect(decodeFilter("nonsense")).toBeNull();
    expect(decodeFilter("metadata|a|zz|1")).toBeNull();
    expect(decodeFilter("metadata|a|eq|{bad")).toBeNull();
  });

  it("reads typed values from text and describes filters for people", () => {
    expect([
      filterValue("0.5"),
      filterValue("true"),
      filterValue("cat"),
      filterValue('["a"]'),
    ]).toEqual([0.5, true, "cat", ["a"]]);
    const names = {
      model: () => "knn",
      run: (id: number, configuration: string) =>
        id === 7 ? `knn · digits v2 · ${configuration}` : undefined,
    };
    expect(
      describeFilter(
        { target: "inference", path: "score", op: "gt", value: 0.5, modelId: 1 },
        names,
      ),
    ).toBe("knn inference: score > 0.5");
    // A metric filter names the model, the suite version and the configuration of its run.
    expect(
      describeFilter(
        {
          target: "metrics",
          path: "countFN",
          op: "gt",
          value: 0,
          testRunId: 7,
          configuration: "iou:0.5",
        },
        names,
      ),
    ).toBe("knn · digits v2 · iou:0.5 metric: countFN > 0");
    expect(decodeFilter("metrics@7:iou:0.5|countFN|gt|0")).toMatchObject({
      testRunId: 7,
      configuration: "iou:0.5",
    });
  });
});
