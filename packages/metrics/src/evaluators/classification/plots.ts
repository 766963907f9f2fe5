import type { Plot } from "@assay/workflow";
import { BarPlot, ConfusionMatrix, CurvePlot, Histogram } from "@assay/workflow";

import type { BinaryCurve } from "../../classification/binary-curve";
import { prFromCurve } from "../../classification/precision-recall";
import { rocFromCurve } from "../../classification/roc";
import { sweepCurve, thresholdGrid } from "../../classification/threshold-sweep";
import { histogramCounts } from "../../regression/histogram";
import type { CaseAnalysis } from "./case-metrics";
import { hasBothClasses } from "./case-metrics";
import type { Columns } from "./columns";
import type { Decisions } from "./decisions";

/**
 * Keeps at most `max` points of a curve, evenly spaced by index, first and last included. Curves over a million
 * distinct scores would otherwise be a million points; the metrics are computed on the full curve.
 */
export function downsample(
  series: Record<string, readonly number[]>,
  length: number,
  max: number,
): Record<string, number[]> {
  const keep: number[] = [];
  if (length <= max) for (let i = 0; i < length; i++) keep.push(i);
  else for (let j = 0; j < max; j++) keep.push(Math.round((j * (length - 1)) / (max - 1)));
  return Object.fromEntries(
    Object.entries(series).map(([name, values]) => [name, keep.map((i) => values[i] as number)]),
  );
}

function rocCurveOf(curve: BinaryCurve, max: number, label?: string) {
  const roc = rocFromCurve(curve);
  const { x, y, threshold } = downsample(
    { x: roc.fpr, y: roc.tpr, threshold: roc.thresholds },
    roc.fpr.length,
    max,
  );
  return {
    x: x ?? [],
    y: y ?? [],
    ...(label ? { label } : {}),
    extra: { Threshold: threshold ?? [] },
  };
}

function prCurveOf(curve: BinaryCurve, max: number, label?: string) {
  const pr = prFromCurve(curve);
  // The final (recall 0, precision 1) point has no threshold; repeat the highest one for it.
  const thresholds = [...pr.thresholds, pr.thresholds[pr.thresholds.length - 1] ?? 0];
  const { x, y, threshold } = downsample(
    { x: pr.recall, y: pr.precision, threshold: thresholds },
    pr.recall.length,
    max,
  );
  return {
    x: x ?? [],
    y: y ?? [],
    ...(label ? { label } : {}),
    extra: { Threshold: threshold ?? [] },
  };
}

export function classificationPlots(
  columns: Columns,
  decisions: Decisions,
  analysis: CaseAnalysis,
  options: { thresholds?: readonly number[]; maxCurvePoints: number },
): Plot[] {
  const plots: Plot[] = [];
  const { labels } = columns;
  const max = options.maxCurvePoints;
  if (columns.n === 0) return plots;
  if (labels.length >= 2) {
    plots.push(
      ConfusionMatrix.parse({
        title: "Confusion Matrix",
        labels: [...labels],
        matrix: analysis.confusion.matrix,
      }),
    );
  }
  const binary = decisions.positive;
  const curveEntries = analysis.curves
    .map((curve, c) => ({ curve, label: labels[c] as string }))
    .filter((entry): entry is { curve: BinaryCurve; label: string } => hasBothClasses(entry.curve));
  if (curveEntries.length > 0) {
    const labelled = binary === undefined;
    plots.push(
      CurvePlot.parse({
        title: "Receiver Operating Characteristic",
        xLabel: "False Positive Rate",
        yLabel: "True Positive Rate",
        curves: curveEntries.map(({ curve, label }) =>
          rocCurveOf(curve, max, labelled ? label : undefined),
        ),
      }),
      CurvePlot.parse({
        title: "Precision vs. Recall",
        xLabel: "Recall",
        yLabel: "Precision",
        curves: curveEntries.map(({ curve, label }) =>
          prCurveOf(curve, max, labelled ? label : undefined),
        ),
      }),
    );
    const grid = options.thresholds
      ? [...options.thresholds].sort((a, b) => a - b)
      : thresholdGrid(21);
    plots.push(
      CurvePlot.parse({
        title: "F1-Score vs. Confidence Threshold",
        xLabel: "Confidence Threshold",
        yLabel: "F1-Score",
        curves: curveEntries.map(({ curve, label }) => {
          const rows = sweepCurve(curve, grid);
          return {
            x: rows.map((row) => row.threshold),
            y: rows.map((row) => row.f1),
            ...(labelled ? { label } : {}),
            extra: {
              Precision: rows.map((row) => row.precision),
              Recall: rows.map((row) => row.recall),
            },
          };
        }),
      }),
    );
  }
  const confidences = { correct: [] as number[], incorrect: [] as number[] };
  let inUnitRange = true;
  for (let i = 0; i < columns.n; i++) {
    const score = decisions.score[i] as number;
    if (Number.isNaN(score)) continue;
    if (score < 0 || score > 1) inUnitRange = false;
    (decisions.predicted[i] === columns.actual[i]
      ? confidences.correct
      : confidences.incorrect
    ).push(score);
  }
  if (inUnitRange && confidences.correct.length + confidences.incorrect.length > 0) {
    const bins = 20;
    const correct = histogramCounts(confidences.correct, { bins, range: [0, 1] });
    const incorrect = histogramCounts(confidences.incorrect, { bins, range: [0, 1] });
    plots.push(
      Histogram.parse({
        title: "Confidence Distribution",
        xLabel: binary === undefined ? "Confidence" : "Positive Class Score",
        yLabel: "Samples",
        buckets: correct.buckets,
        frequency: [correct.frequency, incorrect.frequency],
        labels: ["correct", "incorrect"],
      }),
    );
  }
  if (labels.length >= 2) {
    plots.push(
      BarPlot.parse({
        title: "F1-Score per Class",
        xLabel: "Class",
        yLabel: "F1-Score",
        labels: [...labels],
        values: analysis.report.perClass.map((row) => row.f1),
      }),
    );
  }
  return plots;
}
