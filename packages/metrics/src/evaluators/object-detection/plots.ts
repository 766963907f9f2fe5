import type { Plot } from "@assay/workflow";
import { ConfusionMatrix, CurvePlot } from "@assay/workflow";

import { detectionConfusionMatrix } from "../../detection/confusion";
import type { AnyMatches } from "../../detection/matches";
import { detectionScores, forLabel } from "../../detection/matches";
import { f1Curve, prCurve, thresholdCurve } from "../../detection/threshold-curve";
import type { MulticlassInferenceMatches } from "../../geometry/match-multiclass";
import type { DetectionBox, ScoredDetectionBox } from "./read";
import type { Thresholds } from "./thresholds";

type Matches = AnyMatches<DetectionBox, ScoredDetectionBox>;
type MulticlassMatches = MulticlassInferenceMatches<DetectionBox, ScoredDetectionBox>;

const PR = { title: "Precision vs. Recall", xLabel: "Recall", yLabel: "Precision" };
const F1 = {
  title: "F1-Score vs. Confidence Threshold",
  xLabel: "Confidence Threshold",
  yLabel: "F1-Score",
};

/** Single class: the PR curve and the F1-vs-threshold curve, each when it has two points or more. */
export function singleClassPlots(all: readonly Matches[]): Plot[] {
  const { yTrue, scores } = detectionScores(all);
  const points = thresholdCurve(yTrue, scores);
  const plots: Plot[] = [];
  const pr = prCurve(points);
  if (pr) plots.push(CurvePlot.parse({ ...PR, curves: [pr] }));
  const f1 = f1Curve(points);
  if (f1) plots.push(CurvePlot.parse({ ...F1, curves: [f1] }));
  return plots;
}

/** Many classes: F1 and PR curves per label (sorted), and the confusion matrix at the thresholds. */
export function multiclassPlots(all: readonly MulticlassMatches[], thresholds: Thresholds): Plot[] {
  const labels = new Set<string>();
  for (const matches of all) {
    for (const [, inf] of matches.matched) labels.add(inf.label);
    for (const [gt] of matches.unmatchedGt) labels.add(gt.label);
    for (const inf of matches.unmatchedInf) labels.add(inf.label);
  }
  const f1Curves = [];
  const prCurves = [];
  for (const label of [...labels].sort()) {
    const { yTrue, scores } = detectionScores([forLabel(all, label)]);
    const points = thresholdCurve(yTrue, scores);
    const f1 = f1Curve(points);
    if (f1) f1Curves.push({ ...f1, label });
    const pr = prCurve(points);
    if (pr) prCurves.push({ ...pr, label });
  }
  const plots: Plot[] = [];
  if (f1Curves.length > 0) {
    plots.push(CurvePlot.parse({ ...F1, title: `${F1.title} Per Class`, curves: f1Curves }));
  }
  if (prCurves.length > 0) {
    plots.push(CurvePlot.parse({ ...PR, title: `${PR.title} Per Class`, curves: prCurves }));
  }
  const confusion = detectionConfusionMatrix(all, thresholds.of);
  if (confusion) plots.push(ConfusionMatrix.parse({ title: "Confusion Matrix", ...confusion }));
  return plots;
}
