import type { Point } from "./shapes";

/**
 * Areas of polygons that may be self-intersecting, by the even-odd rule: a point is inside when a ray from it
 * crosses the outline an odd number of times. That is the area Kolena gets from shapely's `make_valid` (GEOS
 * rebuilds an invalid ring from its noded linework, so a bow tie becomes two triangles and a doubly wound loop
 * cancels out), without a polygon-clipping library.
 *
 * Method: cut the plane into vertical slabs at every vertex and every crossing of two edges. Inside a slab no
 * edges cross, so the edges that span it are ordered bottom to top and each stretch between two consecutive edges
 * is a trapezoid, inside or outside each polygon by the parity of the edges below it. Summing the trapezoids
 * inside both polygons gives the intersection exactly (up to rounding), whatever the shapes.
 */

interface Edge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** 0 for the first polygon, 1 for the second. */
  readonly owner: 0 | 1;
}

function edgesOf(ring: readonly Point[], owner: 0 | 1, out: Edge[]): void {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i] as Point;
    const [bx, by] = ring[(i + 1) % n] as Point;
    // Vertical edges bound no slab; skip them (and degenerate ones).
    if (ax === bx) continue;
    out.push(
      ax < bx
        ? { x1: ax, y1: ay, x2: bx, y2: by, owner }
        : { x1: bx, y1: by, x2: ax, y2: ay, owner },
    );
  }
}

function yAt(edge: Edge, x: number): number {
  if (x === edge.x1) return edge.y1;
  if (x === edge.x2) return edge.y2;
  return edge.y1 + ((edge.y2 - edge.y1) * (x - edge.x1)) / (edge.x2 - edge.x1);
}

/** The x of the proper crossing of two edges, if they cross strictly inside both x ranges. */
function crossingX(a: Edge, b: Edge): number | undefined {
  const lo = Math.max(a.x1, b.x1);
  const hi = Math.min(a.x2, b.x2);
  if (!(lo < hi)) return undefined;
  const dLo = yAt(a, lo) - yAt(b, lo);
  const dHi = yAt(a, hi) - yAt(b, hi);
  if (dLo === 0 || dHi === 0 || dLo > 0 === dHi > 0) return undefined;
  return lo + ((hi - lo) * dLo) / (dLo - dHi);
}

/** Area inside both rings, or, without `b`, the area of `a` alone. */
function sweep(a: readonly Point[], b: readonly Point[] | undefined): number {
  const edges: Edge[] = [];
  edgesOf(a, 0, edges);
  if (b) edgesOf(b, 1, edges);
  const xs = new Set<number>();
  for (const edge of edges) {
    xs.add(edge.x1);
    xs.add(edge.x2);
  }
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const x = crossingX(edges[i] as Edge, edges[j] as Edge);
      if (x !== undefined) xs.add(x);
    }
  }
  const cuts = [...xs].sort((p, q) => p - q);
  let area = 0;
  for (let s = 0; s + 1 < cuts.length; s++) {
    const left = cuts[s] as number;
    const right = cuts[s + 1] as number;
    const middle = (left + right) / 2;
    const spanning = edges
      .filter((edge) => edge.x1 <= left && edge.x2 >= right)
      .map((edge) => ({ edge, y: yAt(edge, middle) }))
      .sort((p, q) => p.y - q.y);
    const inside = [false, false];
    for (let k = 0; k + 1 < spanning.length; k++) {
      const { edge } = spanning[k] as { edge: Edge };
      inside[edge.owner] = !inside[edge.owner];
      const counted = b ? inside[0] === true && inside[1] === true : inside[0] === true;
      if (!counted) continue;
      const upper = (spanning[k + 1] as { edge: Edge }).edge;
      const heightLeft = yAt(upper, left) - yAt(edge, left);
      const heightRight = yAt(upper, right) - yAt(edge, right);
      area += ((heightLeft + heightRight) / 2) * (right - left);
    }
  }
  return area;
}

/** Area of a ring, self-intersections resolved by the even-odd rule. */
export function polygonArea(ring: readonly Point[]): number {
  return sweep(ring, undefined);
}

/** Area common to two rings, each resolved by the even-odd rule. */
export function intersectionArea(a: readonly Point[], b: readonly Point[]): number {
  return sweep(a, b);
}
