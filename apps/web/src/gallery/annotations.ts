import { BASE_PATH } from "../lib/base-path";

/** A shape to draw over a sample, found anywhere in a test sample, ground truth, inference or metrics. */
export type Drawable =
  | {
      kind: "box";
      x: number;
      y: number;
      width: number;
      height: number;
      label?: string;
      score?: number;
    }
  | { kind: "polygon" | "polyline"; points: [number, number][]; label?: string; score?: number }
  | { kind: "keypoints"; points: [number, number][]; skeleton: [number, number][]; label?: string }
  /** `listed`: one of a list (per-class scores, say), not the value's own label. */
  | { kind: "label"; label: string; score?: number; listed?: boolean }
  | { kind: "mask"; locator: string; label?: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isPoint = (value: unknown): value is [number, number] =>
  Array.isArray(value) &&
  value.length >= 2 &&
  typeof value[0] === "number" &&
  typeof value[1] === "number";

/**
 * Every annotation inside `value`, in document order. Annotations are recognised by their `dataType` tag, and a
 * labeled or scored variant by its fields (Kolena's variants share one tag).
 */
export function collectDrawables(value: unknown, out: Drawable[] = [], listed = false): Drawable[] {
  if (Array.isArray(value)) {
    for (const item of value) collectDrawables(item, out, true);
    return out;
  }
  if (!isObject(value)) return out;
  const drawable = toDrawable(value);
  if (drawable) {
    out.push(drawable.kind === "label" && listed ? { ...drawable, listed } : drawable);
    return out;
  }
  for (const item of Object.values(value)) collectDrawables(item, out, listed);
  return out;
}

function toDrawable(value: Json): Drawable | undefined {
  const label = typeof value.label === "string" ? value.label : undefined;
  const score = typeof value.score === "number" ? value.score : undefined;
  const extras = {
    ...(label !== undefined ? { label } : {}),
    ...(score !== undefined ? { score } : {}),
  };
  switch (value.dataType) {
    case "ANNOTATION/BOUNDING_BOX": {
      if (!isPoint(value.topLeft) || !isPoint(value.bottomRight)) return undefined;
      const [x1, y1] = value.topLeft;
      const [x2, y2] = value.bottomRight;
      return {
        kind: "box",
        x: Math.min(x1, x2),
        y: Math.min(y1, y2),
        width: Math.abs(x2 - x1),
        height: Math.abs(y2 - y1),
        ...extras,
      };
    }
    case "ANNOTATION/POLYGON":
    case "ANNOTATION/POLYLINE": {
      const points = Array.isArray(value.points) ? value.points.filter(isPoint) : [];
      return {
        kind: value.dataType === "ANNOTATION/POLYGON" ? "polygon" : "polyline",
        points,
        ...extras,
      };
    }
    case "ANNOTATION/KEYPOINTS": {
      const points = Array.isArray(value.points) ? value.points.filter(isPoint) : [];
      const skeleton = Array.isArray(value.skeleton) ? value.skeleton.filter(isPoint) : [];
      return { kind: "keypoints", points, skeleton, ...(label !== undefined ? { label } : {}) };
    }
    case "ANNOTATION/LABEL":
      return label === undefined
        ? undefined
        : { kind: "label", label, ...(score !== undefined ? { score } : {}) };
    case "ANNOTATION/SEGMENTATION_MASK":
    case "ANNOTATION/BITMAP_MASK":
      return typeof value.locator === "string"
        ? { kind: "mask", locator: value.locator, ...(label !== undefined ? { label } : {}) }
        : undefined;
    default:
      return undefined;
  }
}

/** Where the browser fetches a locator: http(s) URLs directly, local paths through the server's asset proxy. */
export function assetUrl(locator: string): string {
  if (/^(https?:|data:|blob:)/i.test(locator)) return locator;
  return `${BASE_PATH}/assets?path=${encodeURIComponent(locator)}`;
}
