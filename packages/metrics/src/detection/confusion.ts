import type { MulticlassInferenceMatches } from "../geometry/match-multiclass";

type Labeled = { readonly label: string };
type ScoredLabeled = Labeled & { readonly score: number };

/**
 * Kolena's detection confusion matrix: a match counts on the diagonal, a confusion (a missed ground truth whose
 * best overlap was an inference of another label) off it; only inferences at or above their label's threshold
 * count. Labels are those seen, sorted; undefined with fewer than two.
 */
export function detectionConfusionMatrix<GT extends Labeled, INF extends ScoredLabeled>(
  all: readonly MulticlassInferenceMatches<GT, INF>[],
  thresholdOf: (label: string) => number,
): { labels: string[]; matrix: number[][] } | undefined {
  const counts = new Map<string, Map<string, number>>();
  const labels = new Set<string>();
  const add = (actual: string, predicted: string) => {
    let row = counts.get(actual);
    if (!row) counts.set(actual, (row = new Map<string, number>()));
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
  };
  for (const matches of all) {
    for (const [gt, inf] of matches.matched) {
      if (inf.score < thresholdOf(inf.label)) continue;
      labels.add(gt.label);
      add(gt.label, gt.label);
    }
    for (const [gt, inf] of matches.unmatchedGt) {
      if (inf === null || inf.score < thresholdOf(inf.label)) continue;
      labels.add(gt.label);
      labels.add(inf.label);
      add(gt.label, inf.label);
    }
  }
  if (labels.size < 2) return undefined;
  const ordered = [...labels].sort();
  return {
    labels: ordered,
    matrix: ordered.map((actual) =>
      ordered.map((predicted) => counts.get(actual)?.get(predicted) ?? 0),
    ),
  };
}
