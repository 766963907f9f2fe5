import type { MetricMeaning, MetricsRecord } from "@assay/workflow";
import { describe, expect, it } from "vitest";

import { AGGREGATES } from "../compare/recompute";
import type { Triple } from "./columnar";
import { streamTestCase } from "./columnar";
import { createBuiltInEvaluator } from "./registry";
import type { BuiltInEvaluatorSpec } from "./registry";

const testCase = { name: "tc", version: 1 };
const LABELS = ["cat", "dog", "fox"];

const classification: Triple[] = Array.from({ length: 257 }, (_, i) => [
  { locator: `${i}.png` },
  { label: LABELS[i % 3] },
  {
    prediction: i % 17 === 0 ? null : { label: LABELS[(i * 7) % 3], score: (i % 10) / 10 },
    scores: LABELS.map((label, k) => ({ label, score: ((i + k) % 5) / 5 })),
  },
]);
const regression: Triple[] = Array.from({ length: 123 }, (_, i) => [
  { id: i },
  { value: i / 3 },
  { prediction: i / 3 + Math.sin(i) },
]);
const face = (dx: number, dy: number) => ({
  points: [
    [0 + dx, 0],
    [10, 0 + dy],
    [5, 5 + dy],
    [2, 8],
    [8, 8 + dx],
  ],
});
const keypoints: Triple[] = Array.from({ length: 40 }, (_, i) => [
  { id: i },
  { keypoints: face(0, 0), scale: 10 },
  { keypoints: i % 9 === 0 ? null : face(i % 3, i % 4) },
]);
const box = (x: number, label: string, score?: number) => ({
  topLeft: [x, 0],
  bottomRight: [x + 10, 10],
  label,
  ...(score === undefined ? {} : { score }),
});
const detection: Triple[] = Array.from({ length: 30 }, (_, i) => [
  { id: i },
  { boxes: [box(0, "cat"), box(20, "dog")] },
  { boxes: [box(i % 4, "cat", 0.9), box(22, i % 5 === 0 ? "cat" : "dog", (i % 10) / 10)] },
]);

const cases: [string, BuiltInEvaluatorSpec, Triple[]][] = [
  [
    "classification",
    {
      name: "classification",
      configurations: [{ displayName: "all" }, { displayName: "confident", threshold: 0.5 }],
    },
    classification,
  ],
  [
    "binary classification",
    {
      name: "classification",
      options: { labels: ["cat", "dog"], positiveLabel: "dog", scoresField: "none" },
    },
    classification
      .filter(
        ([, gt, inf]) =>
          gt.label !== "fox" && (inf.prediction as { label?: string } | null)?.label !== "fox",
      )
      .map(([s, gt, inf]) => [s, gt, { prediction: inf.prediction }]),
  ],
  [
    "regression",
    { name: "regression", configurations: [{ displayName: "tight", maxAbsoluteError: 0.5 }] },
    regression,
  ],
  [
    "keypoints",
    { name: "keypoints", options: { normalization: { type: "field", field: "scale" } } },
    keypoints,
  ],
  ["object detection (kept whole)", { name: "object-detection" }, detection],
  [
    "single-class object detection",
    { name: "object-detection" },
    detection.map(([s, gt, inf]) => [
      s,
      { boxes: (gt.boxes as object[]).map((b) => ({ ...b, label: "car" })) },
      { boxes: (inf.boxes as object[]).map((b) => ({ ...b, label: "car" })) },
    ]),
  ],
];

describe("a test case read in chunks", () => {
  it.each(cases)(
    "gives %s the same results as the whole test case does",
    async (_name, spec, triples) => {
      const whole = createBuiltInEvaluator(spec);
      const configurations = whole.configurations.length > 0 ? whole.configurations : [undefined];
      const stream = streamTestCase(createBuiltInEvaluator(spec), testCase);
      for (let start = 0; start < triples.length; start += 50)
        stream.add(triples.slice(start, start + 50));
      expect(stream.count).toBe(triples.length);
      const streamed = await stream.finish();
      expect(streamed.map((r) => r.configuration)).toEqual(
        configurations.map((c) => c?.displayName ?? ""),
      );
      for (const [k, configuration] of configurations.entries()) {
        const result = streamed[k] as (typeof streamed)[number];
        const samples = await whole.computeTestSampleMetrics(testCase, triples, configuration);
        const metrics: MetricsRecord[] = samples.map(([, m]) => m);
        // In slices, as the server writes them.
        const sliced = [result.sampleMetrics(0, 100), result.sampleMetrics(100, triples.length)];
        expect(sliced.flat()).toEqual(metrics);
        expect(result.metrics).toEqual(
          await whole.computeTestCaseMetrics(testCase, triples, metrics, configuration),
        );
        expect(result.plots).toEqual(
          (await whole.computeTestCasePlots(testCase, triples, metrics, configuration)) ?? [],
        );
      }
    },
  );

  it("names the sample in the whole test case when a later chunk is wrong", () => {
    const stream = streamTestCase(createBuiltInEvaluator({ name: "regression" }), testCase);
    stream.add(regression.slice(0, 50));
    expect(() => stream.add([[{ id: 50 }, { value: "x" }, { prediction: 1 }]])).toThrow(
      /groundTruths\[50\]\.value/,
    );
  });
});

/** A per-sample field as the comparison engine reads it: booleans as 1 / 0, strings as codes, else NaN. */
function columnOf(samples: readonly MetricsRecord[], field: string, codes: Map<string, number>) {
  return Float64Array.from(samples, (metrics) => {
    const value = (metrics as Record<string, unknown>)[field];
    if (typeof value === "number") return value;
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "string") {
      if (!codes.has(value)) codes.set(value, codes.size);
      return codes.get(value) as number;
    }
    return Number.NaN;
  });
}

describe("a test case's metrics linked to its samples' metrics", () => {
  it.each(cases)(
    "lets the engine recompute %s's test case metrics from its per-sample metrics",
    async (_name, spec, triples) => {
      const evaluator = createBuiltInEvaluator(spec);
      const meanings: Record<string, MetricMeaning> = evaluator.metricMeanings();
      const configurations =
        evaluator.configurations.length > 0 ? evaluator.configurations : [undefined];
      let checked = 0;
      for (const configuration of configurations) {
        const samples = (
          await evaluator.computeTestSampleMetrics(testCase, triples, configuration)
        ).map(([, m]) => m);
        const stored = (await evaluator.computeTestCaseMetrics(
          testCase,
          triples,
          samples,
          configuration,
        )) as Record<string, unknown>;
        const codes = new Map<string, number>();
        const all = Uint32Array.from(samples, (_, i) => i);
        for (const [name, meaning] of Object.entries(meanings)) {
          const value = stored[name];
          if (typeof value !== "number" || name.includes(".")) continue;
          let recomputed: number | undefined;
          if (meaning.recompute) {
            const columns: Record<string, Float64Array> = {};
            for (const [role, field] of Object.entries(meaning.recompute.of))
              columns[role] = columnOf(samples, field, codes);
            // A field the samples do not have (a multiclass evaluation's TP flags): not tested, as on the server.
            if (Object.values(columns).some((c) => c.every(Number.isNaN))) continue;
            recomputed = AGGREGATES[meaning.recompute.formula].compute(columns, all);
          } else if (meaning.of !== undefined) {
            const column = columnOf(samples, meaning.of, codes).filter((v) => !Number.isNaN(v));
            const sum = column.reduce(
              (a, b) => a + (meaning.kind === "proportion" ? (b > 0 ? 1 : 0) : b),
              0,
            );
            recomputed = meaning.kind === "count" ? sum : sum / column.length;
          }
          if (recomputed === undefined) continue;
          expect([name, recomputed]).toEqual([name, expect.closeTo(value, 9)]);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    },
  );
});
