import { invalid } from "../internal/checks";

/**
 * Average precision with PASCAL VOC's all-point interpolation, Kolena's definition for object detection: the PR
 * points are sorted by recall, padded with (0, 0) and (1, 0), precision is made non-increasing from the right
 * (each point takes the best precision at any higher recall), and the area is summed wherever recall changes.
 * (Classification uses scikit-learn's uninterpolated AP instead: `averagePrecisionScore`.)
 */
export function averagePrecision(
  precisions: readonly number[],
  recalls: readonly number[],
): number {
  if (precisions.length !== recalls.length) {
    throw invalid(
      "recalls",
      `precisions and recalls differ in length (${precisions.length} and ${recalls.length})`,
    );
  }
  if (precisions.length === 0) return 0;
  const order = recalls
    .map((_, i) => i)
    .sort((a, b) => (recalls[a] as number) - (recalls[b] as number) || a - b);
  const r = [0, ...order.map((i) => recalls[i] as number), 1];
  const p = [0, ...order.map((i) => precisions[i] as number), 0];
  for (let i = p.length - 2; i >= 0; i--) p[i] = Math.max(p[i] as number, p[i + 1] as number);
  let ap = 0;
  for (let i = 1; i < r.length; i++) {
    if (r[i] !== r[i - 1]) ap += ((r[i] as number) - (r[i - 1] as number)) * (p[i] as number);
  }
  return ap;
}
