import type {
  BoundingBox,
  LabeledBoundingBox,
  LabeledPolygon,
  Polygon,
  ScoredLabeledBoundingBox,
  ScoredLabeledPolygon,
} from "@assay/workflow";
import {
  boundingBox,
  labeledBoundingBox,
  labeledPolygon,
  polygon,
  scoredBoundingBox,
  scoredLabeledBoundingBox,
  scoredLabeledPolygon,
  scoredPolygon,
} from "@assay/workflow";

/**
 * Kolena's test vectors are kept as Kolena wrote them (snake_case, a `type` naming the Python class). These helpers
 * turn them into Assay annotations, and annotations into a comparable form, in the test harness only.
 */

export type KolenaObject = Record<string, unknown> & { type: string };

type Point = [number, number];
type AnyGeometry =
  | BoundingBox
  | LabeledBoundingBox
  | ScoredLabeledBoundingBox
  | Polygon
  | LabeledPolygon
  | ScoredLabeledPolygon;

const KNOWN = new Set(["type", "top_left", "bottom_right", "points", "label", "score"]);

export function fromKolena(object: KolenaObject): AnyGeometry {
  const extras = Object.fromEntries(Object.entries(object).filter(([key]) => !KNOWN.has(key)));
  const box = {
    topLeft: object.top_left as Point,
    bottomRight: object.bottom_right as Point,
    ...extras,
  };
  const points = { points: object.points as Point[], ...extras };
  const label = object.label as string;
  const score = object.score as number;
  switch (object.type) {
    case "BoundingBox":
      return boundingBox(box);
    case "LabeledBoundingBox":
      return labeledBoundingBox({ ...box, label });
    case "ScoredBoundingBox":
      return scoredBoundingBox({ ...box, score });
    case "ScoredLabeledBoundingBox":
      return scoredLabeledBoundingBox({ ...box, label, score });
    case "Polygon":
      return polygon(points);
    case "LabeledPolygon":
      return labeledPolygon({ ...points, label });
    case "ScoredPolygon":
      return scoredPolygon({ ...points, score });
    case "ScoredLabeledPolygon":
      return scoredLabeledPolygon({ ...points, label, score });
    default:
      throw new Error(`unknown Kolena type ${object.type}`);
  }
}

/**
 * What Kolena's dataclass equality compares: the geometry, label and score (not the `iou` a matcher adds, nor
 * extra fields).
 */
export function identity(value: unknown): unknown {
  if (value === null) return null;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ("topLeft" in object || "top_left" in object) {
    out.topLeft = object.topLeft ?? object.top_left;
    out.bottomRight = object.bottomRight ?? object.bottom_right;
  } else out.points = object.points;
  if (object.label !== undefined) out.label = object.label;
  if (object.score !== undefined) out.score = object.score;
  return out;
}
