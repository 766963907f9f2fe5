import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder, derived, labeled, Point2D, scored } from "./shared";

interface BoxGeometry {
  topLeft: [number, number];
  bottomRight: [number, number];
  width: number;
  height: number;
  area: number;
  aspectRatio: number;
}

/** Kolena's definitions: absolute extents, and an aspect ratio of 0 for a box without height. */
function withGeometry<T extends BoxGeometry>(box: T): T {
  box.width = Math.abs(box.bottomRight[0] - box.topLeft[0]);
  box.height = Math.abs(box.bottomRight[1] - box.topLeft[1]);
  box.area = box.width * box.height;
  box.aspectRatio = box.height !== 0 ? box.width / box.height : 0;
  return box;
}

/** An axis-aligned box in pixel coordinates; `width`, `height`, `area` and `aspectRatio` are derived. */
export const BoundingBox = registerBase(
  z
    .looseObject({
      topLeft: Point2D,
      bottomRight: Point2D,
      width: derived(),
      height: derived(),
      area: derived(),
      aspectRatio: derived(),
      dataType: dataTypeField("ANNOTATION/BOUNDING_BOX"),
    })
    .overwrite(withGeometry),
);
export const LabeledBoundingBox = BoundingBox.extend(labeled);
export const ScoredBoundingBox = BoundingBox.extend(scored);
export const ScoredLabeledBoundingBox = BoundingBox.extend({ ...labeled, ...scored });

export type BoundingBox = z.output<typeof BoundingBox>;
export type LabeledBoundingBox = z.output<typeof LabeledBoundingBox>;
export type ScoredBoundingBox = z.output<typeof ScoredBoundingBox>;
export type ScoredLabeledBoundingBox = z.output<typeof ScoredLabeledBoundingBox>;

export const boundingBox = builder(BoundingBox, "BoundingBox");
export const labeledBoundingBox = builder(LabeledBoundingBox, "LabeledBoundingBox");
export const scoredBoundingBox = builder(ScoredBoundingBox, "ScoredBoundingBox");
export const scoredLabeledBoundingBox = builder(
  ScoredLabeledBoundingBox,
  "ScoredLabeledBoundingBox",
);
