import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { iou } from "./iou";
import { matchInferences } from "./match";
import { matchInferencesMulticlass } from "./match-multiclass";
import { intersectionArea, polygonArea } from "./polygon-area";
import type { Point } from "./shapes";

const box = (x1: number, y1: number, x2: number, y2: number) => ({
  topLeft: [x1, y1] as Point,
  bottomRight: [x2, y2] as Point,
});
const poly = (...points: Point[]) => ({ points });

describe("polygon areas (make_valid semantics)", () => {
  it("measures simple, concave and clockwise polygons", () => {
    expect(
      polygonArea([
        [0, 0],
        [4, 0],
        [4, 3],
        [0, 3],
      ]),
    ).toBe(12);
    expect(
      polygonArea([
        [0, 3],
        [4, 3],
        [4, 0],
        [0, 0],
      ]),
    ).toBe(12);
    // An L shape.
    expect(
      polygonArea([
        [0, 0],
        [3, 0],
        [3, 1],
        [1, 1],
        [1, 3],
        [0, 3],
      ]),
    ).toBeCloseTo(5, 12);
  });

  it("splits a self-intersecting bow tie into its two triangles", () => {
    const bowTie: Point[] = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
    ];
    expect(polygonArea(bowTie)).toBeCloseTo(2, 12);
    expect(iou(poly(...bowTie), box(0, 0, 2, 2))).toBeCloseTo(0.5, 12);
    expect(iou(poly(...bowTie), box(0, 0, 1, 2))).toBeCloseTo(1 / 3, 12);
  });

  it("leaves the centre of a pentagram out (even-odd), as GEOS rebuilds its linework", () => {
    const star: Point[] = [0, 2, 4, 1, 3].map((k): Point => {
      const angle = Math.PI / 2 + (2 * Math.PI * k) / 5;
      return [Math.cos(angle), Math.sin(angle)];
    });
    const pentagon: Point[] = [0, 1, 2, 3, 4].map((k): Point => {
      const angle = Math.PI / 2 + (2 * Math.PI * k) / 5;
      return [Math.cos(angle), Math.sin(angle)];
    });
    // The filled star is ten triangles (centre, outer point, inner corner); its inner pentagon of circumradius
    // r is wound twice, so the even-odd area leaves it out.
    const r = Math.cos((2 * Math.PI) / 5) / Math.cos(Math.PI / 5);
    const filled = 5 * r * Math.sin(Math.PI / 5);
    const inner = (5 / 2) * r * r * Math.sin((2 * Math.PI) / 5);
    const starArea = polygonArea(star);
    expect(starArea).toBeCloseTo(filled - inner, 12);
    expect(intersectionArea(star, pentagon)).toBeCloseTo(starArea, 12);
  });

  it("gives 0, not NaN, for degenerate shapes", () => {
    expect(
      polygonArea([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    ).toBe(0);
    expect(iou(poly([0, 0], [1, 1], [2, 2]), poly([0, 0], [1, 1], [2, 2]))).toBe(0);
    expect(iou(box(1, 1, 1, 1), box(1, 1, 1, 1))).toBe(0);
    expect(iou(box(0, 0, 1, 1), box(1, 0, 2, 1))).toBe(0);
  });
});

const coordinate = fc.integer({ min: -50, max: 50 });
const boxArb = fc
  .tuple(coordinate, coordinate, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
  .map(([x, y, w, h]) => box(x, y, x + w, y + h));
const pointArb = fc.tuple(coordinate, coordinate) as fc.Arbitrary<Point>;
const polygonArb = fc
  .array(pointArb, { minLength: 3, maxLength: 7 })
  .map((points) => poly(...points));

describe("iou properties", () => {
  it("is symmetric and within [0, 1] for boxes, polygons and mixes", () => {
    const shape = fc.oneof(boxArb, polygonArb);
    fc.assert(
      fc.property(shape, shape, (a, b) => {
        const ab = iou(a, b);
        const ba = iou(b, a);
        expect(Number.isNaN(ab)).toBe(false);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(Math.abs(ab - ba)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees between the box formula and the polygon path", () => {
    fc.assert(
      fc.property(boxArb, boxArb, (a, b) => {
        const asPolygon = poly(a.topLeft, [a.bottomRight[0], a.topLeft[1]], a.bottomRight, [
          a.topLeft[0],
          a.bottomRight[1],
        ]);
        expect(Math.abs(iou(a, b) - iou(asPolygon, b))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it("is 1 for a shape with itself when it has area", () => {
    fc.assert(
      fc.property(polygonArb, (p) => {
        if (polygonArea(p.points) > 1e-9) expect(iou(p, p)).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe("matching properties", () => {
  const scored = fc
    .tuple(boxArb, fc.integer({ min: 0, max: 100 }), fc.constantFrom("cat", "dog"))
    .map(([b, score, label]) => ({ ...b, score: score / 100, label }));
  const labeled = fc
    .tuple(boxArb, fc.constantFrom("cat", "dog"))
    .map(([b, label]) => ({ ...b, label }));

  it("accounts for every ground truth and inference, and is invariant to input order", () => {
    fc.assert(
      fc.property(
        fc.array(labeled, { maxLength: 6 }),
        fc.uniqueArray(scored, { maxLength: 6, selector: (inf) => inf.score }),
        fc.integer(),
        (gts, infs, seed) => {
          const shuffled = [...infs].sort(
            (a, b) => ((a.score * 997 + seed) % 7) - ((b.score * 997 + seed) % 7),
          );
          const one = matchInferencesMulticlass(gts, infs);
          const two = matchInferencesMulticlass(gts, shuffled);
          expect(one.matched.length + one.unmatchedGt.length).toBe(gts.length);
          expect(one.matched.length + one.unmatchedInf.length).toBe(infs.length);
          const key = (m: typeof one) =>
            m.matched.map(([gt, inf]) => `${gts.indexOf(gt)}-${inf.score}`).sort();
          expect(key(two)).toEqual(key(one));
          const single = matchInferences(gts, infs);
          expect(single.matched.length + single.unmatchedGt.length).toBe(gts.length);
          for (const [gt, inf] of single.matched) expect(inf.iou).toBe(iou(gt, inf));
        },
      ),
    );
  });

  it("matches only within groups of equal required fields (single class too)", () => {
    const gts = [
      { ...box(0, 0, 10, 10), frameId: 1 },
      { ...box(0, 0, 10, 10), frameId: 2 },
    ];
    const infs = [
      { ...box(0, 0, 10, 10), score: 0.9, frameId: 2 },
      { ...box(0, 0, 10, 10), score: 0.8, frameId: 3 },
    ];
    const matches = matchInferences(gts, infs, { requiredMatchFields: ["frameId"] });
    expect(matches.matched.map(([gt, inf]) => [gt.frameId, inf.frameId])).toEqual([[2, 2]]);
    expect(matches.unmatchedGt.map((gt) => gt.frameId)).toEqual([1]);
    expect(matches.unmatchedInf.map((inf) => [inf.frameId, inf.iou])).toEqual([[3, 0]]);
  });

  it("rejects NaN scores and non-finite IoU thresholds", () => {
    expect(() => matchInferences([], [{ ...box(0, 0, 1, 1), score: NaN }])).toThrow(
      /inferences\[0\]\.score: must be a number/,
    );
    expect(() => matchInferences([], [], { iouThreshold: NaN })).toThrow(/iouThreshold/);
  });
});
