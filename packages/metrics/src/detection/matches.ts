import type { InferenceMatches } from "../geometry/match";
import type { MulticlassInferenceMatches } from "../geometry/match-multiclass";

/** Either kind of match result, reduced to what the detection metrics read. */
export interface AnyMatches<GT, INF> {
  readonly matched: readonly (readonly [GT, INF])[];
  readonly unmatchedGt: readonly GT[];
  readonly unmatchedInf: readonly INF[];
}

type Labeled = { readonly label: string };
type Scored = { readonly score: number };

/** A multiclass result seen as single-class: the confused inference of a missed ground truth is dropped. */
export function asSingleClass<GT, INF>(
  matches: MulticlassInferenceMatches<GT, INF> | InferenceMatches<GT, INF>,
): AnyMatches<GT, INF> {
  return {
    matched: matches.matched,
    unmatchedGt: matches.unmatchedGt.map((entry) =>
      Array.isArray(entry) ? (entry[0] as GT) : (entry as GT),
    ),
    unmatchedInf: matches.unmatchedInf,
  };
}

/** The part of multiclass results about one label: its ground truths (matched or not) and its inferences. */
export function forLabel<GT extends Labeled, INF extends Labeled>(
  all: readonly MulticlassInferenceMatches<GT, INF>[],
  label: string,
): AnyMatches<GT, INF> {
  const matched: (readonly [GT, INF])[] = [];
  const unmatchedGt: GT[] = [];
  const unmatchedInf: INF[] = [];
  for (const matches of all) {
    for (const pair of matches.matched) if (pair[0].label === label) matched.push(pair);
    for (const [gt] of matches.unmatchedGt) if (gt.label === label) unmatchedGt.push(gt);
    for (const inf of matches.unmatchedInf) if (inf.label === label) unmatchedInf.push(inf);
  }
  return { matched, unmatchedGt, unmatchedInf };
}

/**
 * Kolena's scoring of matches for curves: a match is a positive at its inference's score, a missed ground truth a
 * positive at score -1 (never predicted), an unmatched inference a negative at its score.
 */
export function detectionScores<GT, INF extends Scored>(
  all: readonly AnyMatches<GT, INF>[],
): { yTrue: boolean[]; scores: number[] } {
  const yTrue: boolean[] = [];
  const scores: number[] = [];
  for (const matches of all) {
    for (const [, inf] of matches.matched) {
      yTrue.push(true);
      scores.push(inf.score);
    }
    for (const _missed of matches.unmatchedGt) {
      yTrue.push(true);
      scores.push(-1);
    }
    for (const inf of matches.unmatchedInf) {
      yTrue.push(false);
      scores.push(inf.score);
    }
  }
  return { yTrue, scores };
}
