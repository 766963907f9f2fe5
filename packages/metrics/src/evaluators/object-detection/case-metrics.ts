import { averagePrecision } from "../../detection/average-precision";
import type { AnyMatches } from "../../detection/matches";
import { detectionScores, forLabel } from "../../detection/matches";
import { prCurve, thresholdCurve } from "../../detection/threshold-curve";
import { f1Score, precision, recall } from "../../formula";
import type { MulticlassInferenceMatches } from "../../geometry/match-multiclass";
import { mean } from "../../internal/numeric";
import type { DetectionBox, ScoredDetectionBox } from "./read";
import type {
  DetectionCaseMetrics,
  DetectionCaseMetricsSingleClass,
  DetectionClassRow,
} from "./schemas";
import type { Thresholds } from "./thresholds";

type Matches = AnyMatches<DetectionBox, ScoredDetectionBox>;

/** AP from the PR curve of these matches (Kolena: PASCAL all-point interpolation, 0 without a curve). */
export function apOf(all: readonly Matches[]): number {
  const { yTrue, scores } = detectionScores(all);
  const curve = prCurve(thresholdCurve(yTrue, scores));
  return curve ? averagePrecision(curve.y, curve.x) : 0;
}

function tally(all: readonly Matches[], thresholdOf: (label: string) => number) {
  let TP = 0;
  let FP = 0;
  let FN = 0;
  for (const matches of all) {
    for (const [, inf] of matches.matched) {
      if (inf.score >= thresholdOf(inf.label)) TP++;
      else FN++;
    }
    FN += matches.unmatchedGt.length;
    for (const inf of matches.unmatchedInf) if (inf.score >= thresholdOf(inf.label)) FP++;
  }
  return { TP, FP, FN };
}

export function singleClassCaseMetrics(
  all: readonly Matches[],
  nIgnored: number,
  threshold: number,
): DetectionCaseMetricsSingleClass {
  const { TP, FP, FN } = tally(all, () => threshold);
  return {
    objects: TP + FN,
    inferences: TP + FP,
    TP,
    FN,
    FP,
    nIgnored,
    precision: precision(TP, FP),
    recall: recall(TP, FN),
    f1: f1Score(TP, FP, FN),
    AP: apOf(all),
  };
}

type MulticlassMatches = MulticlassInferenceMatches<DetectionBox, ScoredDetectionBox>;

export function classRow(all: readonly MulticlassMatches[], label: string, thresholds: Thresholds) {
  const matches = forLabel(all, label);
  let nImages = 0;
  for (const sample of all) {
    const has =
      sample.matched.some(([gt]) => gt.label === label) ||
      sample.unmatchedGt.some(([gt]) => gt.label === label);
    if (has) nImages++;
  }
  const { TP, FP, FN } = tally([matches], thresholds.of);
  return {
    label,
    nImages,
    threshold: thresholds.of(label),
    objects: TP + FN,
    inferences: TP + FP,
    TP,
    FN,
    FP,
    precision: precision(TP, FP),
    recall: recall(TP, FN),
    f1: f1Score(TP, FP, FN),
    AP: apOf([matches]),
  } satisfies DetectionClassRow;
}

/**
 * Per-class rows for every label in the test case (ground truths and inferences, even those left out by the
 * minimum confidence), macro averages over those rows, micro ones over the pooled counts.
 */
export function multiclassCaseMetrics(
  all: readonly MulticlassMatches[],
  labels: readonly string[],
  nIgnored: number,
  thresholds: Thresholds,
): DetectionCaseMetrics {
  const perClass = [...labels].sort().map((label) => classRow(all, label, thresholds));
  const { TP, FP, FN } = tally(
    all.map((m) => ({ ...m, unmatchedGt: m.unmatchedGt.map(([gt]) => gt) })),
    thresholds.of,
  );
  const average = (pick: (row: DetectionClassRow) => number) => mean(perClass.map(pick));
  return {
    perClass,
    objects: TP + FN,
    inferences: TP + FP,
    TP,
    FN,
    FP,
    nIgnored,
    macroPrecision: average((row) => row.precision),
    macroRecall: average((row) => row.recall),
    macroF1: average((row) => row.f1),
    meanAP: average((row) => row.AP),
    microPrecision: precision(TP, FP),
    microRecall: recall(TP, FN),
    microF1: f1Score(TP, FP, FN),
  };
}
