import { intersectionArea, polygonArea } from "./polygon-area";
import type { BoxLike, Geometry } from "./shapes";
import { isBox, ringOf } from "./shapes";

/**
 * Intersection over union of two boxes or polygons (in any mix), Kolena's `iou`:
 *
 * - two boxes: the closed form on their corners; boxes that only touch, or do not overlap, give 0;
 * - otherwise both are polygons (a box by its four corners), made valid as shapely's `make_valid` does
 *   (self-intersections resolved by the even-odd rule, see `polygonArea`), and IoU is the ratio of their
 *   intersection and union areas.
 *
 * 0 when the union is empty (degenerate shapes), never NaN.
 */
export function iou(a: Geometry, b: Geometry): number {
  if (isBox(a) && isBox(b)) return boxIou(a, b);
  const ringA = ringOf(a);
  const ringB = ringOf(b);
  const intersection = intersectionArea(ringA, ringB);
  const union = polygonArea(ringA) + polygonArea(ringB) - intersection;
  return union > 0 ? Math.max(0, Math.min(1, intersection / union)) : 0;
}

/** Kolena's box formula, kept as is: areas from signed extents, touching boxes (zero overlap) give 0. */
export function boxIou(a: BoxLike, b: BoxLike): number {
  const x1 = Math.max(a.topLeft[0], b.topLeft[0]);
  const y1 = Math.max(a.topLeft[1], b.topLeft[1]);
  const x2 = Math.min(a.bottomRight[0], b.bottomRight[0]);
  const y2 = Math.min(a.bottomRight[1], b.bottomRight[1]);
  if (x2 < x1 || y2 < y1) return 0;
  const intersection = (x2 - x1) * (y2 - y1);
  if (!(intersection > 0)) return 0;
  const areaA = (a.bottomRight[0] - a.topLeft[0]) * (a.bottomRight[1] - a.topLeft[1]);
  const areaB = (b.bottomRight[0] - b.topLeft[0]) * (b.bottomRight[1] - b.topLeft[1]);
  const union = areaA + areaB - intersection;
  return union > 0 ? intersection / union : 0;
}
