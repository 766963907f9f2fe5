import { describe, expect, it } from "vitest";

import { encodeFilter } from "../gallery/filters";
import { atMostDrill, binDrill, confusionDrill, metricDrill, rowDrill } from "./drill";

const run = { testRunId: 7, configuration: "default" };
const encoded = (drill: { filters: Parameters<typeof encodeFilter>[0][] } | undefined) =>
  drill?.filters.map(encodeFilter);

describe("drill-downs pick their samples by the metric's meaning", () => {
  it("a share of a boolean field higher-is-better: the samples that fail it", () => {
    const drill = metricDrill({
      meaning: { kind: "proportion", of: "correct", higherIsBetter: true, displayName: "Accuracy" },
      value: 0.73,
      sampleCount: 100,
      fields: { correct: "boolean" },
      run,
    });
    expect(encoded(drill)).toEqual(["metrics@7:default|correct|eq|false"]);
    expect(drill.claim).toBe("27 wrong of 100");
  });

  it("a share where lower is better: the samples where it holds", () => {
    const drill = metricDrill({
      meaning: { kind: "proportion", of: "failed", higherIsBetter: false },
      value: 0.1,
      sampleCount: 50,
      fields: { failed: "boolean" },
      run,
    });
    expect(encoded(drill)).toEqual(["metrics@7:default|failed|eq|true"]);
    expect(drill.claim).toBe("5 failing of 50");
  });

  it("a count of a flag: where it is set; a sum of numbers: where it is > 0", () => {
    const flag = metricDrill({
      meaning: { kind: "count", of: "isFN", displayName: "False negatives" },
      value: 8,
      sampleCount: 40,
      fields: { isFN: "boolean" },
      run,
    });
    expect(encoded(flag)).toEqual(["metrics@7:default|isFN|eq|true"]);
    expect(flag.claim).toBe("8 of 40");
    const sum = metricDrill({
      meaning: { kind: "count", of: "countFN", displayName: "False negatives" },
      value: 8,
      sampleCount: 40,
      fields: { countFN: "number" },
      run,
    });
    expect(encoded(sum)).toEqual(["metrics@7:default|countFN|gt|0"]);
    expect(sum.claim).toBe("8 false negatives on the samples with countFN > 0");
  });

  it("a mean or an aggregate: the samples it is computed from", () => {
    const mean = metricDrill({
      meaning: { kind: "mean", of: "absoluteError" },
      value: 41.2,
      sampleCount: 20,
      fields: { absoluteError: "number" },
      run,
    });
    expect(encoded(mean)).toEqual(["metrics@7:default|absoluteError|exists|null"]);
    expect(mean.claim).toBe("the mean of 20 samples");
    const f1 = metricDrill({
      meaning: { kind: "aggregate", recompute: { formula: "macroF1", of: { label: "label" } } },
      value: 0.8,
      sampleCount: 20,
      fields: { label: "string" },
      run,
    });
    expect(encoded(f1)).toEqual(["metrics@7:default|label|exists|null"]);
  });

  it("no declared field or no per-sample metrics: every sample", () => {
    for (const meaning of [null, { kind: "aggregate" as const }]) {
      const drill = metricDrill({ meaning, value: 0.5, sampleCount: 9, fields: {}, run });
      expect(drill).toEqual({ filters: [], claim: "all 9 samples" });
    }
    const missing = metricDrill({
      meaning: { kind: "proportion", of: "correct", higherIsBetter: true },
      value: 0.5,
      sampleCount: 9,
      fields: {},
      run,
    });
    expect(missing.filters).toEqual([]);
  });

  it("a confusion cell: actual and predicted label; a class row: its label; a bin: its bounds", () => {
    const fields = { label: "string", predicted: "string" } as const;
    const cell = confusionDrill({ actual: "wide", predicted: "square", value: 3, fields, run });
    expect(encoded(cell)).toEqual([
      'metrics@7:default|label|eq|"wide"',
      'metrics@7:default|predicted|eq|"square"',
    ]);
    expect(cell?.claim).toBe("3 wide predicted as square");
    expect(
      confusionDrill({ actual: "a", predicted: "b", value: 1, fields: {}, run }),
    ).toBeUndefined();
    const row = rowDrill({ key: { label: "wide" }, n: 40, fields, run });
    expect(encoded(row)).toEqual(['metrics@7:default|label|eq|"wide"']);
    expect(row?.claim).toBe("40 samples of wide");
    expect(rowDrill({ key: { keypoint: "nose" }, n: 3, fields, run })).toBeUndefined();
    const bin = binDrill({ field: "residual", lo: -10, hi: 5, last: true, frequency: 4, run });
    expect(encoded(bin)).toEqual([
      "metrics@7:default|residual|gte|-10",
      "metrics@7:default|residual|lte|5",
    ]);
    expect(bin.claim).toBe("4 samples with residual -10 … 5");
  });

  it("a cumulative curve's point: the samples at most its x", () => {
    const drill = atMostDrill({ field: "absoluteError", value: 2.5, count: 6.0000001, run });
    expect(encoded(drill)).toEqual(["metrics@7:default|absoluteError|lte|2.5"]);
    expect(drill.claim).toBe("6 samples with absoluteError ≤ 2.5");
  });
});
