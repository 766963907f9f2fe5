import { invalid } from "../internal/checks";
import { iou } from "./iou";
import type { Geometry } from "./shapes";

/** An inference with the IoU it was matched at (or, unmatched, its best IoU with any ground truth). */
export type WithIou<INF> = INF & { iou: number };

export type ScoredGeometry = Geometry & { readonly score: number };

export interface InferenceMatches<GT, INF> {
  /** True positives once a confidence threshold is applied. */
  readonly matched: (readonly [GT, WithIou<INF>])[];
  /** False negatives. */
  readonly unmatchedGt: GT[];
  /** False positives once a confidence threshold is applied. */
  readonly unmatchedInf: WithIou<INF>[];
}

export interface MatchOptions<GT> {
  /** Ground truths that neither count as missed nor make a match a false positive (crowds, tiny objects). */
  readonly ignoredGroundTruths?: readonly GT[] | null;
  /** Only PASCAL VOC is implemented, as in Kolena. */
  readonly mode?: "pascal";
  /** Minimum IoU of a match, inclusive. Default 0.5. */
  readonly iouThreshold?: number;
  /**
   * Fields (e.g. `frameId`) that must be equal for a ground truth and an inference to match: each group of equal
   * values is matched on its own, groups in order of first appearance.
   */
  readonly requiredMatchFields?: readonly string[] | null;
}

/**
 * Matches inferences to ground truths the PASCAL VOC way, as Kolena's `match_inferences`:
 *
 * 1. inferences are taken by decreasing score (ties keep input order);
 * 2. each one's candidate is the ground truth of highest IoU at or above the threshold (ties keep the first;
 *    ignored ground truths come after the others);
 * 3. if that candidate is a ground truth already taken, the inference is unmatched: there is no fallback to the
 *    second best. If it is an ignored ground truth, the inference is dropped from the result (several may);
 * 4. matched inferences carry their match's `iou`; unmatched ones their best IoU over non-ignored ground truths.
 *
 * Labels are not looked at; see `matchInferencesMulticlass`.
 */
export function matchInferences<GT extends Geometry, INF extends ScoredGeometry>(
  groundTruths: readonly GT[],
  inferences: readonly INF[],
  options: MatchOptions<GT> = {},
): InferenceMatches<GT, INF> {
  const { iouThreshold } = checkOptions(options, inferences);
  const ignored = options.ignoredGroundTruths ?? [];
  const fields = options.requiredMatchFields ?? [];
  if (fields.length === 0) return matchPascal(groundTruths, inferences, ignored, iouThreshold);
  const result: InferenceMatches<GT, INF> = { matched: [], unmatchedGt: [], unmatchedInf: [] };
  for (const group of groupByFields(fields, groundTruths, inferences, ignored)) {
    const part = matchPascal(group.groundTruths, group.inferences, group.ignored, iouThreshold);
    result.matched.push(...part.matched);
    result.unmatchedGt.push(...part.unmatchedGt);
    result.unmatchedInf.push(...part.unmatchedInf);
  }
  return result;
}

export function checkOptions(
  options: MatchOptions<unknown>,
  inferences: readonly { readonly score: number }[],
): { iouThreshold: number } {
  const mode: string = options.mode ?? "pascal";
  if (mode !== "pascal") throw invalid("mode", `Mode: '${mode}' is not a valid mode.`);
  const iouThreshold = options.iouThreshold ?? 0.5;
  if (!Number.isFinite(iouThreshold)) {
    throw invalid("iouThreshold", `must be a finite number (got ${iouThreshold})`);
  }
  inferences.forEach((inference, i) => {
    if (typeof inference.score !== "number" || Number.isNaN(inference.score)) {
      throw invalid(`inferences[${i}].score`, `must be a number (got ${String(inference.score)})`);
    }
  });
  return { iouThreshold };
}

/** The single-class PASCAL VOC matcher on one group. */
export function matchPascal<GT extends Geometry, INF extends ScoredGeometry>(
  groundTruths: readonly GT[],
  inferences: readonly INF[],
  ignored: readonly GT[],
  iouThreshold: number,
): InferenceMatches<GT, INF> {
  const candidates = [...groundTruths, ...ignored];
  const real = groundTruths.length;
  const taken = new Set<number>();
  const matched: (readonly [GT, WithIou<INF>])[] = [];
  const unmatchedInf: WithIou<INF>[] = [];
  const order = inferences.map((_, i) => i);
  order.sort((a, b) => (inferences[b] as INF).score - (inferences[a] as INF).score || a - b);
  for (const index of order) {
    const inference = inferences[index] as INF;
    let match = -1;
    let matchIou = -1;
    let bestIou = 0;
    candidates.forEach((candidate, g) => {
      const value = iou(candidate, inference);
      if (g < real) bestIou = Math.max(bestIou, value);
      if (value >= iouThreshold && value > matchIou) {
        matchIou = value;
        match = g;
      }
    });
    if (match < 0 || (match < real && taken.has(match))) {
      unmatchedInf.push({ ...inference, iou: bestIou });
    } else if (match < real) {
      matched.push([groundTruths[match] as GT, { ...inference, iou: matchIou }]);
      taken.add(match);
    }
  }
  const unmatchedGt = groundTruths.filter((_, g) => !taken.has(g));
  return { matched, unmatchedGt, unmatchedInf };
}

interface Group<GT, INF> {
  groundTruths: GT[];
  inferences: INF[];
  ignored: GT[];
}

/** Splits the inputs by the values of `fields` (a missing field counts as `null`). */
export function groupByFields<GT, INF>(
  fields: readonly string[],
  groundTruths: readonly GT[],
  inferences: readonly INF[],
  ignored: readonly GT[],
): Group<GT, INF>[] {
  const groups = new Map<string, Group<GT, INF>>();
  const groupOf = (item: unknown) => {
    const record = item as Readonly<Record<string, unknown>>;
    const key = JSON.stringify(fields.map((field) => record[field] ?? null));
    let group = groups.get(key);
    if (!group) {
      group = { groundTruths: [], inferences: [], ignored: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const gt of groundTruths) groupOf(gt).groundTruths.push(gt);
  for (const inference of inferences) groupOf(inference).inferences.push(inference);
  for (const gt of ignored) groupOf(gt).ignored.push(gt);
  return [...groups.values()];
}
