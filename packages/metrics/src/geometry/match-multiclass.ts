import type { MatchOptions, ScoredGeometry, WithIou } from "./match";
import { checkOptions, groupByFields, matchPascal } from "./match";
import type { Geometry } from "./shapes";

export interface MulticlassInferenceMatches<GT, INF> {
  /** Same-label matches: true positives once a confidence threshold is applied. */
  readonly matched: (readonly [GT, WithIou<INF>])[];
  /**
   * Missed ground truths, each with the inference of another label it was confused with (IoU above threshold),
   * or `null`. Confused pairs come first.
   */
  readonly unmatchedGt: (readonly [GT, WithIou<INF> | null])[];
  /** Inferences without a same-label match, confused ones included. */
  readonly unmatchedInf: WithIou<INF>[];
}

type Labeled = { readonly label: string };

/**
 * Kolena's `match_inferences_multiclass`: PASCAL VOC matching per label (labels in sorted order), then one more
 * matching of all leftover ground truths against all leftover inferences (every ignored ground truth taking part)
 * to find confusions, pairs whose labels differ. Confused inferences stay in `unmatchedInf` too.
 */
export function matchInferencesMulticlass<
  GT extends Geometry & Labeled,
  INF extends ScoredGeometry & Labeled,
>(
  groundTruths: readonly GT[],
  inferences: readonly INF[],
  options: MatchOptions<GT> = {},
): MulticlassInferenceMatches<GT, INF> {
  const { iouThreshold } = checkOptions(options, inferences);
  const ignored = options.ignoredGroundTruths ?? [];
  const fields = options.requiredMatchFields ?? [];
  if (fields.length === 0) return matchOneGroup(groundTruths, inferences, ignored, iouThreshold);
  const result: MulticlassInferenceMatches<GT, INF> = {
    matched: [],
    unmatchedGt: [],
    unmatchedInf: [],
  };
  for (const group of groupByFields(fields, groundTruths, inferences, ignored)) {
    const part = matchOneGroup(group.groundTruths, group.inferences, group.ignored, iouThreshold);
    result.matched.push(...part.matched);
    result.unmatchedGt.push(...part.unmatchedGt);
    result.unmatchedInf.push(...part.unmatchedInf);
  }
  return result;
}

function byLabel<T extends Labeled>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.label);
    if (list) list.push(item);
    else out.set(item.label, [item]);
  }
  return out;
}

function matchOneGroup<GT extends Geometry & Labeled, INF extends ScoredGeometry & Labeled>(
  groundTruths: readonly GT[],
  inferences: readonly INF[],
  ignored: readonly GT[],
  iouThreshold: number,
): MulticlassInferenceMatches<GT, INF> {
  const gts = byLabel(groundTruths);
  const infs = byLabel(inferences);
  const ignoredByLabel = byLabel(ignored);
  const labels = [...new Set([...gts.keys(), ...infs.keys()])].sort();
  const matched: (readonly [GT, WithIou<INF>])[] = [];
  const missed: GT[] = [];
  const unmatchedInf: WithIou<INF>[] = [];
  for (const label of labels) {
    const part = matchPascal(
      gts.get(label) ?? [],
      infs.get(label) ?? [],
      ignoredByLabel.get(label) ?? [],
      iouThreshold,
    );
    matched.push(...part.matched);
    missed.push(...part.unmatchedGt);
    unmatchedInf.push(...part.unmatchedInf);
  }
  const confusions = matchPascal(missed, unmatchedInf, ignored, iouThreshold);
  const confused: (readonly [GT, WithIou<INF>])[] = [];
  const confusedGts = new Set<GT>();
  for (const [gt, inference] of confusions.matched) {
    if (gt.label !== inference.label) {
      confused.push([gt, inference]);
      confusedGts.add(gt);
    }
  }
  return {
    matched,
    unmatchedGt: [
      ...confused,
      ...missed.filter((gt) => !confusedGts.has(gt)).map((gt) => [gt, null] as const),
    ],
    unmatchedInf,
  };
}
