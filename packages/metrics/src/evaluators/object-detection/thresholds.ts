import type { MulticlassInferenceMatches } from "../../geometry/match-multiclass";
import type { AnyMatches } from "../../detection/matches";
import { detectionScores, forLabel } from "../../detection/matches";
import { optimalF1Threshold } from "../../detection/threshold-curve";
import type { DetectionBox, ScoredDetectionBox } from "./read";

/** The confidence threshold of each label. */
export interface Thresholds {
  readonly of: (label: string) => number;
  /** The single-class threshold, or undefined when thresholds are per label. */
  readonly single?: number;
}

export function fixedThresholds(value: number): Thresholds {
  return { of: () => value, single: value };
}

/** Single class: the F1-optimal threshold, never below the minimum confidence. */
export function f1OptimalSingle(
  all: readonly AnyMatches<DetectionBox, ScoredDetectionBox>[],
  minConfidenceScore: number,
): Thresholds {
  const { yTrue, scores } = detectionScores(all);
  return fixedThresholds(Math.max(minConfidenceScore, optimalF1Threshold(yTrue, scores)));
}

/**
 * Many classes: each label's F1-optimal threshold (Kolena does not floor these at the minimum confidence); a
 * label never seen falls back to the minimum confidence.
 */
export function f1OptimalMulticlass(
  all: readonly MulticlassInferenceMatches<DetectionBox, ScoredDetectionBox>[],
  minConfidenceScore: number,
): Thresholds {
  const labels = new Set<string>();
  for (const matches of all) {
    for (const [, inf] of matches.matched) labels.add(inf.label);
    for (const [gt] of matches.unmatchedGt) labels.add(gt.label);
    for (const inf of matches.unmatchedInf) labels.add(inf.label);
  }
  const byLabel = new Map<string, number>();
  for (const label of labels) {
    const { yTrue, scores } = detectionScores([forLabel(all, label)]);
    byLabel.set(label, optimalF1Threshold(yTrue, scores));
  }
  return { of: (label) => byLabel.get(label) ?? minConfidenceScore };
}
