import { describe, expect, it } from "vitest";
import { z } from "zod";

import { MetricsTestCase } from "./metrics";
import { metric, metricMeanings } from "./metric-meaning";
import { checkMetricsSchema } from "./workflow/metrics-rules";

const Detection = MetricsTestCase.extend({
  n: metric(z.number().int(), { kind: "count", displayName: "Samples" }),
  FN: metric(z.number().int(), {
    kind: "count",
    higherIsBetter: false,
    displayName: "False negatives",
  }),
  AP: metric(z.number(), { kind: "aggregate", higherIsBetter: true }).optional(),
  note: z.string(),
  undeclared: z.number(),
  perClass: z.array(
    MetricsTestCase.extend({
      label: z.string(),
      recall: metric(z.number(), { kind: "aggregate", higherIsBetter: true }),
    }),
  ),
});

describe("metric meanings", () => {
  it("are declared where a field is defined and read back from the schema, through optionals and rows", () => {
    expect(metricMeanings(Detection)).toEqual({
      n: { kind: "count", displayName: "Samples" },
      FN: { kind: "count", higherIsBetter: false, displayName: "False negatives" },
      AP: { kind: "aggregate", higherIsBetter: true },
      "perClass.recall": { kind: "aggregate", higherIsBetter: true },
    });
  });

  it("leave the field's type as it was, pass the metrics rules, and reach its JSON Schema", () => {
    expect(Detection.parse({ n: 3, FN: 1, note: "", undeclared: 2, perClass: [] })).toMatchObject({
      FN: 1,
    });
    expect(() => checkMetricsSchema("testCase", Detection)).not.toThrow();
    const json = z.toJSONSchema(Detection) as { properties: Record<string, object> };
    expect(json.properties.FN).toMatchObject({
      type: "integer",
      assayMetric: { kind: "count", higherIsBetter: false },
    });
  });

  it("refuse a meaning that is not one", () => {
    expect(() => metric(z.number(), { kind: "ratio" as "mean" })).toThrow();
    expect(() => metric(z.number(), { displayName: "" })).toThrow();
  });
});
