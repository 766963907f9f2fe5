import type { Geometry, ScoredGeometry } from "@assay/metrics";
import { matchInferences, matchInferencesMulticlass } from "@assay/metrics";

/**
 * Which boxes of a detection are right and wrong, as the object detection evaluator decided them: true and false
 * positives (inferences), false negatives (missed ground truths) and confusions (an inference of another class
 * over a ground truth), or the whole sample left out (`ignored`).
 */
export interface DetectionMatches {
  tp: unknown[];
  fp: unknown[];
  fn: unknown[];
  confused: unknown[];
  ignored: boolean;
}

type Json = Record<string, unknown>;
type Box = Geometry & { label: string };
type ScoredBox = ScoredGeometry & { label: string };

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isPoint = (value: unknown) =>
  Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "number";
const isGeometry = (value: unknown): value is Geometry & Json =>
  isObject(value) &&
  ((isPoint(value.topLeft) && isPoint(value.bottomRight)) ||
    (Array.isArray(value.points) && value.points.length >= 3 && value.points.every(isPoint)));

/** Per-sample metrics that hold the detection evaluator's match lists. */
export function isDetectionMetrics(metrics: unknown): metrics is Json {
  return isObject(metrics) && Array.isArray(metrics.TP) && Array.isArray(metrics.FN);
}

/** The match lists the evaluator stored: exact at its own threshold. */
export function storedMatches(metrics: Json): DetectionMatches {
  return {
    tp: list(metrics.TP),
    fp: list(metrics.FP),
    fn: list(metrics.FN),
    confused: list(metrics.Confused),
    ignored: metrics.ignored === true,
  };
}

/**
 * The threshold the evaluator applied to a sample: one number for a single class; for many classes, the one all
 * labels share (F1-optimal thresholds differ per class, and a single slider cannot reproduce them).
 */
export function storedThreshold(metrics: Json): number | undefined {
  if (typeof metrics.thresholds === "number") return metrics.thresholds;
  const scores = list(metrics.thresholds).flatMap((t) =>
    isObject(t) && typeof t.score === "number" ? [t.score] : [],
  );
  return scores.length > 0 && scores.every((s) => s === scores[0]) ? scores[0] : undefined;
}

/** The settings of a detection configuration the matching depends on, with the evaluator's defaults. */
export interface MatchSettings {
  iouThreshold: number;
  minConfidenceScore: number;
}
export function matchSettings(configuration: Record<string, unknown> | undefined): MatchSettings {
  const number = (value: unknown, fallback: number) =>
    typeof value === "number" && Number.isFinite(value) ? value : fallback;
  return {
    iouThreshold: number(configuration?.iouThreshold, 0.5),
    minConfidenceScore: number(configuration?.minConfidenceScore, 0),
  };
}

/**
 * The matches at another confidence threshold: ground truths and inferences matched again the evaluator's way
 * (`@assay/metrics`, PASCAL VOC at the configuration's IoU, inferences under its minimum confidence dropped
 * first), then split at `threshold` as the evaluator splits them. Matching does not depend on the threshold, so
 * at the evaluator's own threshold this gives back the lists it stored. Fields are the evaluator's defaults
 * (`boxes`, `ignoredBoxes`, `ignored`); `multiclass` follows what the evaluator did (it stored `Confused`).
 */
export function matchesAt(
  groundTruth: unknown,
  inference: unknown,
  stored: Json,
  settings: MatchSettings,
  threshold: number,
): DetectionMatches {
  if (stored.ignored === true || (isObject(inference) && inference.ignored === true))
    return { tp: [], fp: [], fn: [], confused: [], ignored: true };
  const field = (record: unknown, name: string) =>
    list(isObject(record) ? record[name] : undefined).filter(isGeometry);
  const truths = field(groundTruth, "boxes").map(labeled);
  const ignoredTruths = field(groundTruth, "ignoredBoxes").map(labeled);
  const inferences = field(inference, "boxes")
    .filter((box) => typeof box.score === "number" && box.score >= settings.minConfidenceScore)
    .map((box) => ({ ...labeled(box), score: box.score as number }));
  const options = { iouThreshold: settings.iouThreshold, ignoredGroundTruths: ignoredTruths };
  const above = (inf: ScoredBox) => inf.score >= threshold;
  if (Array.isArray(stored.Confused)) {
    const m = matchInferencesMulticlass<Box, ScoredBox>(truths, inferences, options);
    return {
      tp: m.matched.filter(([, inf]) => above(inf)).map(([, inf]) => inf),
      fp: m.unmatchedInf.filter(above),
      fn: [
        ...m.unmatchedGt.map(([gt]) => gt),
        ...m.matched.filter(([, inf]) => !above(inf)).map(([gt]) => gt),
      ],
      confused: m.unmatchedGt.flatMap(([, inf]) => (inf !== null && above(inf) ? [inf] : [])),
      ignored: false,
    };
  }
  const m = matchInferences<Box, ScoredBox>(truths, inferences, options);
  return {
    tp: m.matched.filter(([, inf]) => above(inf)).map(([, inf]) => inf),
    fp: m.unmatchedInf.filter(above),
    fn: [...m.unmatchedGt, ...m.matched.filter(([, inf]) => !above(inf)).map(([gt]) => gt)],
    confused: [],
    ignored: false,
  };
}

// Single-class boxes may have no label; matching ignores it then, and multiclass matching needs one.
function labeled(box: Geometry & Json): Geometry & Json & { label: string } {
  return { ...box, label: typeof box.label === "string" ? box.label : "" };
}

/** A tile's summary of what went wrong: "2 FP · 1 FN", or nothing when all is right. */
export function mistakesText(matches: DetectionMatches): string {
  if (matches.ignored) return "ignored";
  const parts = [
    matches.fp.length > 0 ? `${matches.fp.length} FP` : "",
    matches.fn.length > 0 ? `${matches.fn.length} FN` : "",
  ].filter(Boolean);
  return parts.join(" · ");
}
