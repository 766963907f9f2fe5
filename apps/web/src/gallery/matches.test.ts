import { describe, expect, it } from "vitest";

import { matchesAt, matchSettings, mistakesText, storedMatches, storedThreshold } from "./matches";

const box = (x: number, extra: Record<string, unknown> = {}) => ({
  topLeft: [x, 0],
  bottomRight: [x + 10, 10],
  dataType: "ANNOTATION/BOUNDING_BOX",
  ...extra,
});
const truth = { boxes: [box(0), box(20)] };
// One confident hit, one hit at 0.3, one confident box on nothing, one dropped by the minimum confidence.
const inference = {
  boxes: [
    box(1, { score: 0.9 }),
    box(21, { score: 0.3 }),
    box(50, { score: 0.6 }),
    box(0, { score: 0.05 }),
  ],
};
const single = { TP: [], FP: [], FN: [], ignored: false, thresholds: 0.5 };
const counts = (m: ReturnType<typeof matchesAt>) => [m.tp.length, m.fp.length, m.fn.length];

describe("re-counting detections at a threshold", () => {
  it("splits one matching at each threshold as the evaluator does", () => {
    const settings = matchSettings({ iouThreshold: 0.5, minConfidenceScore: 0.1 });
    expect(counts(matchesAt(truth, inference, single, settings, 0.5))).toEqual([1, 1, 1]);
    // Lower: the 0.3 hit becomes a true positive, and its ground truth is no longer missed.
    expect(counts(matchesAt(truth, inference, single, settings, 0.2))).toEqual([2, 1, 0]);
    // Higher than every score: nothing found, every ground truth missed.
    expect(counts(matchesAt(truth, inference, single, settings, 0.95))).toEqual([0, 0, 2]);
  });

  it("matches at the configuration's IoU, and leaves ignored samples out", () => {
    const shifted = { boxes: [box(4, { score: 0.9 })] };
    // IoU of [0,10] and [4,14] is 6/14: a match at 0.4, a false positive and a miss at 0.5.
    expect(
      counts(matchesAt(truth, shifted, single, matchSettings({ iouThreshold: 0.4 }), 0.5)),
    ).toEqual([1, 0, 1]);
    expect(counts(matchesAt(truth, shifted, single, matchSettings({}), 0.5))).toEqual([0, 1, 2]);
    expect(
      matchesAt(truth, { ...shifted, ignored: true }, single, matchSettings({}), 0.5).ignored,
    ).toBe(true);
  });

  it("finds confusions when the evaluator worked per class", () => {
    const gt = { boxes: [box(0, { label: "cat" })] };
    const inf = { boxes: [box(0, { label: "dog", score: 0.9 })] };
    const m = matchesAt(gt, inf, { ...single, Confused: [] }, matchSettings({}), 0.5);
    expect([...counts(m), m.confused.length]).toEqual([0, 1, 1, 1]);
  });

  it("reads what the evaluator stored, and says what went wrong", () => {
    const stored = storedMatches({
      TP: [box(0)],
      FP: [box(1), box(2)],
      FN: [box(3)],
      ignored: false,
    });
    expect(mistakesText(stored)).toBe("2 FP · 1 FN");
    expect(mistakesText({ ...stored, fp: [], fn: [] })).toBe("");
    expect(storedThreshold({ thresholds: 0.35 })).toBe(0.35);
    expect(
      storedThreshold({
        thresholds: [
          { label: "a", score: 0.4 },
          { label: "b", score: 0.4 },
        ],
      }),
    ).toBe(0.4);
    // Per-class thresholds that differ have no single slider position.
    expect(
      storedThreshold({
        thresholds: [
          { label: "a", score: 0.4 },
          { label: "b", score: 0.6 },
        ],
      }),
    ).toBeUndefined();
  });
});
