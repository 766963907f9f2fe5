import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder, derived, labeled, Point3D, scored } from "./shared";

/** A box in 3D space: `center`, `dimensions` and `rotations` (degrees) per axis; `volume` is derived. */
export const BoundingBox3D = registerBase(
  z
    .looseObject({
      center: Point3D,
      dimensions: Point3D,
      rotations: Point3D,
      volume: derived(),
      dataType: dataTypeField("ANNOTATION/BOUNDING_BOX_3D"),
    })
    .overwrite((box) => {
      box.volume = box.dimensions[0] * box.dimensions[1] * box.dimensions[2];
      return box;
    }),
);
export const LabeledBoundingBox3D = BoundingBox3D.extend(labeled);
export const ScoredBoundingBox3D = BoundingBox3D.extend(scored);
export const ScoredLabeledBoundingBox3D = BoundingBox3D.extend({ ...labeled, ...scored });

export type BoundingBox3D = z.output<typeof BoundingBox3D>;
export type LabeledBoundingBox3D = z.output<typeof LabeledBoundingBox3D>;
export type ScoredBoundingBox3D = z.output<typeof ScoredBoundingBox3D>;
export type ScoredLabeledBoundingBox3D = z.output<typeof ScoredLabeledBoundingBox3D>;

export const boundingBox3D = builder(BoundingBox3D, "BoundingBox3D");
export const labeledBoundingBox3D = builder(LabeledBoundingBox3D, "LabeledBoundingBox3D");
export const scoredBoundingBox3D = builder(ScoredBoundingBox3D, "ScoredBoundingBox3D");
export const scoredLabeledBoundingBox3D = builder(
  ScoredLabeledBoundingBox3D,
  "ScoredLabeledBoundingBox3D",
);
