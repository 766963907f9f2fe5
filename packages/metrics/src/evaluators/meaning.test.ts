import { metricMeanings } from "@assay/workflow";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ClassificationCaseMetrics } from "./classification/schemas";
import { KeypointsCaseMetrics } from "./keypoints/schemas";
import { DetectionCaseMetrics, DetectionCaseMetricsSingleClass } from "./object-detection/schemas";
import { RegressionCaseMetrics } from "./regression/schemas";

/** Numeric fields that are settings of a row rather than measurements: no meaning to declare. */
const PARAMETERS = new Set(["topK.k", "perClass.threshold"]);

/** The numeric fields of a metrics schema, rows' fields as `list.field`. */
function numericFields(schema: z.ZodObject, prefix = ""): string[] {
  return Object.entries(schema.shape).flatMap(([name, field]) => {
    let inner = field as z.ZodType;
    while (inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    if (inner instanceof z.ZodNumber) return [`${prefix}${name}`];
    if (inner instanceof z.ZodArray && inner.element instanceof z.ZodObject)
      return numericFields(inner.element, `${prefix}${name}.`);
    return [];
  });
}

describe("the built-in evaluators' metrics", () => {
  it.each([
    ["classification", ClassificationCaseMetrics],
    ["regression", RegressionCaseMetrics],
    ["object detection", DetectionCaseMetrics],
    ["object detection (one class)", DetectionCaseMetricsSingleClass],
    ["keypoints", KeypointsCaseMetrics],
  ] as const)("%s: every measurement declares its kind and display name", (_name, schema) => {
    const meanings = metricMeanings(schema);
    const undeclared = numericFields(schema).filter(
      (field) => !PARAMETERS.has(field) && meanings[field]?.kind === undefined,
    );
    expect(undeclared).toEqual([]);
    for (const meaning of Object.values(meanings)) expect(meaning.displayName).toBeTruthy();
  });

  it("say which way is better by what the metric is, not by its name", () => {
    expect(metricMeanings(DetectionCaseMetricsSingleClass).FN).toEqual({
      kind: "count",
      higherIsBetter: false,
      displayName: "False negatives",
      // What the comparison engine tests on: the samples' own false negatives, summed.
      of: "countFN",
    });
    expect(metricMeanings(RegressionCaseMetrics).mae).toMatchObject({
      kind: "mean",
      higherIsBetter: false,
    });
    expect(metricMeanings(ClassificationCaseMetrics).accuracy).toMatchObject({
      kind: "proportion",
      higherIsBetter: true,
    });
    // A sample size and a mean residual (best at 0) have no direction.
    expect(metricMeanings(RegressionCaseMetrics).n?.higherIsBetter).toBeUndefined();
    expect(metricMeanings(RegressionCaseMetrics).meanResidual?.higherIsBetter).toBeUndefined();
  });

  it("name their lists of rows and rows' settings, so no raw key is shown", () => {
    const classification = metricMeanings(ClassificationCaseMetrics);
    expect(classification.perClass).toEqual({ displayName: "Per class" });
    expect(classification.topK?.displayName).toBe("Top-k accuracy");
    expect(metricMeanings(DetectionCaseMetrics)["perClass.threshold"]).toEqual({
      displayName: "Threshold",
    });
    expect(metricMeanings(KeypointsCaseMetrics).perKeypoint?.displayName).toBe("Per keypoint");
    // A row's key too: the nested table's first column reads "Class", not "label".
    expect(classification["perClass.label"]).toEqual({ displayName: "Class" });
    expect(metricMeanings(KeypointsCaseMetrics)["perKeypoint.keypoint"]?.displayName).toBe(
      "Keypoint",
    );
  });
});
