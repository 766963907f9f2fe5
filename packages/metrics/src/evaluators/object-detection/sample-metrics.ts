import type { WithIou } from "../../geometry/match";
import type { InferenceMatches } from "../../geometry/match";
import type { MulticlassInferenceMatches } from "../../geometry/match-multiclass";
import type { DetectionBox, ScoredDetectionBox } from "./read";
import type { DetectionSampleMetrics, DetectionSampleMetricsSingleClass } from "./schemas";
import type { Thresholds } from "./thresholds";

type Inf = WithIou<ScoredDetectionBox>;

function confidenceRange(kept: readonly Inf[]) {
  if (kept.length === 0) return { maxConfidenceAboveT: null, minConfidenceAboveT: null };
  let max = -Infinity;
  let min = Infinity;
  for (const inf of kept) {
    max = Math.max(max, inf.score);
    min = Math.min(min, inf.score);
  }
  return { maxConfidenceAboveT: max, minConfidenceAboveT: min };
}

const counts = (TP: readonly unknown[], FP: readonly unknown[], FN: readonly unknown[]) => ({
  countTP: TP.length,
  countFP: FP.length,
  countFN: FN.length,
  hasTP: TP.length > 0,
  hasFP: FP.length > 0,
  hasFN: FN.length > 0,
});

/** A sample whose inference asked to be ignored: empty lists, `ignored: true`. */
export function ignoredSingleClass(threshold: number): DetectionSampleMetricsSingleClass {
  return {
    TP: [],
    FP: [],
    FN: [],
    ...counts([], [], []),
    ignored: true,
    maxConfidenceAboveT: null,
    minConfidenceAboveT: null,
    thresholds: threshold,
  };
}

export function ignoredMulticlass(): DetectionSampleMetrics {
  return {
    TP: [],
    FP: [],
    FN: [],
    Confused: [],
    ...counts([], [], []),
    countConfused: 0,
    hasConfused: false,
    ignored: true,
    maxConfidenceAboveT: null,
    minConfidenceAboveT: null,
    thresholds: [],
  };
}

/** TP / FP / FN at the threshold: a match below it is a missed ground truth, not a true positive. */
export function singleClassSampleMetrics(
  matches: InferenceMatches<DetectionBox, ScoredDetectionBox>,
  threshold: number,
): DetectionSampleMetricsSingleClass {
  const TP = matches.matched.filter(([, inf]) => inf.score >= threshold).map(([, inf]) => inf);
  const FP = matches.unmatchedInf.filter((inf) => inf.score >= threshold);
  const FN = [
    ...matches.unmatchedGt,
    ...matches.matched.filter(([, inf]) => inf.score < threshold).map(([gt]) => gt),
  ];
  return {
    TP,
    FP,
    FN,
    ...counts(TP, FP, FN),
    ignored: false,
    ...confidenceRange([...TP, ...FP]),
    thresholds: threshold,
  } as unknown as DetectionSampleMetricsSingleClass;
}

export function multiclassSampleMetrics(
  matches: MulticlassInferenceMatches<DetectionBox, ScoredDetectionBox>,
  thresholds: Thresholds,
): DetectionSampleMetrics {
  const above = (inf: Inf) => inf.score >= thresholds.of(inf.label);
  const TP = matches.matched.filter(([, inf]) => above(inf)).map(([, inf]) => inf);
  const FP = matches.unmatchedInf.filter(above);
  const FN = [
    ...matches.unmatchedGt.map(([gt]) => gt),
    ...matches.matched.filter(([, inf]) => !above(inf)).map(([gt]) => gt),
  ];
  const Confused = matches.unmatchedGt.flatMap(([, inf]) =>
    inf !== null && above(inf) ? [inf] : [],
  );
  const inferred = new Set([
    ...matches.matched.map(([, inf]) => inf.label),
    ...matches.unmatchedInf.map((inf) => inf.label),
  ]);
  return {
    TP,
    FP,
    FN,
    Confused,
    ...counts(TP, FP, FN),
    countConfused: Confused.length,
    hasConfused: Confused.length > 0,
    ignored: false,
    ...confidenceRange([...TP, ...FP]),
    thresholds: [...inferred].sort().map((label) => ({
      label,
      score: thresholds.of(label),
      dataType: "ANNOTATION/LABEL" as const,
    })),
  } as unknown as DetectionSampleMetrics;
}
