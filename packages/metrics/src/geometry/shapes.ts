/**
 * The shapes geometry functions accept: anything with a box's corners or a polygon's points. Assay's annotation
 * types (`BoundingBox`, `Polygon` and their labeled / scored variants) fit; so do plain objects, which keeps the
 * functions usable on raw JSON without parsing it first.
 */
export type Point = readonly [number, number];

export interface BoxLike {
  readonly topLeft: Point;
  readonly bottomRight: Point;
}

export interface PolygonLike {
  readonly points: readonly Point[];
}

export type Geometry = BoxLike | PolygonLike;

export function isBox(geometry: Geometry): geometry is BoxLike {
  return "topLeft" in geometry && "bottomRight" in geometry;
}

/** A box as a polygon, corners in order (top left, top right, bottom right, bottom left). */
export function ringOf(geometry: Geometry): readonly Point[] {
  if (!isBox(geometry)) return geometry.points;
  const [x1, y1] = geometry.topLeft;
  const [x2, y2] = geometry.bottomRight;
  return [
    [x1, y1],
    [x2, y1],
    [x2, y2],
    [x1, y2],
  ];
}
