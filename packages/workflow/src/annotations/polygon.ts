import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder, labeled, Point2D, scored } from "./shared";

/** A closed shape of at least three points; self-intersecting polygons are allowed (metrics repair them). */
export const Polygon = registerBase(
  z.looseObject({
    points: z.array(Point2D).min(3, {
      error: (issue) =>
        `a polygon needs at least three points (${(issue.input as unknown[]).length} provided)`,
    }),
    dataType: dataTypeField("ANNOTATION/POLYGON"),
  }),
);
export const LabeledPolygon = Polygon.extend(labeled);
export const ScoredPolygon = Polygon.extend(scored);
export const ScoredLabeledPolygon = Polygon.extend({ ...labeled, ...scored });

export type Polygon = z.output<typeof Polygon>;
export type LabeledPolygon = z.output<typeof LabeledPolygon>;
export type ScoredPolygon = z.output<typeof ScoredPolygon>;
export type ScoredLabeledPolygon = z.output<typeof ScoredLabeledPolygon>;

export const polygon = builder(Polygon, "Polygon");
export const labeledPolygon = builder(LabeledPolygon, "LabeledPolygon");
export const scoredPolygon = builder(ScoredPolygon, "ScoredPolygon");
export const scoredLabeledPolygon = builder(ScoredLabeledPolygon, "ScoredLabeledPolygon");
