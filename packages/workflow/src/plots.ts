import { z } from "zod";

import { builder } from "./annotations/shared";
import { dataTypeField, registerBase } from "./schema/data-type";

/**
 * Plots an evaluator draws per test case. They are only written (by evaluators) and read back for display,
 * never used as workflow fields. Validation follows Kolena's rules.
 */

const NumberSeries = z.array(z.number());
const NullableNumberSeries = z.array(z.number().nullable());

export const AxisConfig = z.object({ type: z.enum(["linear", "log"]) });
export type AxisConfig = z.output<typeof AxisConfig>;

/** One series of a `CurvePlot`; `extra` holds more values per point, shown on hover. */
export const Curve = z
  .object({
    x: NumberSeries,
    y: NumberSeries,
    label: z.string().optional(),
    extra: z.record(z.string(), NumberSeries).optional(),
  })
  .superRefine((curve, ctx) => {
    if (curve.x.length !== curve.y.length) {
      ctx.addIssue({
        code: "custom",
        path: ["y"],
        message: `x and y must have the same length (${curve.x.length} and ${curve.y.length})`,
      });
    }
    for (const [key, series] of Object.entries(curve.extra ?? {})) {
      if (series.length !== curve.x.length) {
        ctx.addIssue({
          code: "custom",
          path: ["extra", key],
          message: `each extra series must have one value per point (${curve.x.length}), got ${series.length}`,
        });
      }
    }
  });
export type Curve = z.output<typeof Curve>;

const titled = { title: z.string(), xLabel: z.string(), yLabel: z.string() };

export const CurvePlot = registerBase(
  z.object({
    ...titled,
    curves: z.array(Curve),
    xConfig: AxisConfig.optional(),
    yConfig: AxisConfig.optional(),
    dataType: dataTypeField("PLOT/CURVE"),
  }),
);
export type CurvePlot = z.output<typeof CurvePlot>;

/**
 * Frequencies over `buckets` (n + 1 increasing bounds for n buckets). With `labels`, `frequency` holds one
 * row of n values per label (several distributions on one plot); without, a single row.
 */
export const Histogram = registerBase(
  z
    .object({
      ...titled,
      buckets: NumberSeries.min(2, "buckets needs at least two bounds"),
      frequency: z.union([NumberSeries, z.array(NumberSeries)]),
      labels: z.array(z.string()).optional(),
      xConfig: AxisConfig.optional(),
      yConfig: AxisConfig.optional(),
      dataType: dataTypeField("PLOT/HISTOGRAM"),
    })
    .superRefine((histogram, ctx) => {
      const { buckets, frequency, labels = [] } = histogram;
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: "custom", path, message });
      buckets.forEach((bound, i) => {
        const previous = buckets[i - 1];
        if (previous !== undefined && !(bound > previous)) {
          issue(["buckets", i], "bucket bounds must be strictly increasing");
        }
      });
      const nBuckets = buckets.length - 1;
      const rows = frequency.map((row) => (Array.isArray(row) ? row.length : undefined));
      const twoDimensional = rows.length > 0 && rows.every((n) => n !== undefined);
      if (twoDimensional && labels.length === 0) {
        issue(["labels"], "labels are required when frequency has one row per label");
      } else if (labels.length > 0) {
        if (!twoDimensional || rows.length !== labels.length) {
          issue(["frequency"], `frequency must have one row per label (${labels.length} rows)`);
        }
        rows.forEach((n, i) => {
          if (n !== undefined && n !== nBuckets) {
            issue(["frequency", i], `each row needs one value per bucket (${nBuckets}), got ${n}`);
          }
        });
      } else if (frequency.length !== nBuckets) {
        issue(
          ["frequency"],
          `frequency needs one value per bucket (${nBuckets}), got ${frequency.length}`,
        );
      }
    }),
);
export type Histogram = z.output<typeof Histogram>;

/** One bar per label; a null value leaves a gap. */
export const BarPlot = registerBase(
  z
    .object({
      ...titled,
      labels: z.array(z.union([z.string(), z.number()])).min(1, "labels must not be empty"),
      values: NullableNumberSeries.min(1, "values must not be empty"),
      config: AxisConfig.optional(),
      dataType: dataTypeField("PLOT/BAR"),
    })
    .refine((bar) => bar.labels.length === bar.values.length, {
      path: ["values"],
      error: "labels and values must have the same length",
    }),
);
export type BarPlot = z.output<typeof BarPlot>;

/** Counts (or rates) of actual (rows) against predicted (columns) classes. */
export const ConfusionMatrix = registerBase(
  z
    .object({
      title: z.string(),
      labels: z.array(z.string()).min(2, "a confusion matrix needs at least two labels"),
      matrix: z.array(NullableNumberSeries),
      xLabel: z.string().default("Predicted"),
      yLabel: z.string().default("Actual"),
      dataType: dataTypeField("PLOT/CONFUSION_MATRIX"),
    })
    .superRefine(({ labels, matrix }, ctx) => {
      const n = labels.length;
      if (matrix.length !== n) {
        ctx.addIssue({
          code: "custom",
          path: ["matrix"],
          message: `matrix must have one row per label (${n}), got ${matrix.length}`,
        });
      }
      matrix.forEach((row, i) => {
        if (row.length !== n) {
          ctx.addIssue({
            code: "custom",
            path: ["matrix", i],
            message: `each row needs one value per label (${n}), got ${row.length}`,
          });
        }
      });
    }),
);
export type ConfusionMatrix = z.output<typeof ConfusionMatrix>;

/** Any plot, told apart by its `dataType`. */
export const Plot = z.discriminatedUnion("dataType", [
  CurvePlot,
  Histogram,
  BarPlot,
  ConfusionMatrix,
]);
export type Plot = z.output<typeof Plot>;

/** Builders: validate a plot and fill its `dataType` (and a confusion matrix's default axis labels). */
export const curvePlot = builder(CurvePlot, "CurvePlot");
export const histogram = builder(Histogram, "Histogram");
export const barPlot = builder(BarPlot, "BarPlot");
export const confusionMatrix = builder(ConfusionMatrix, "ConfusionMatrix");
