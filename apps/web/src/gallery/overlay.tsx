import type { RefObject } from "react";
import { useEffect, useRef, useState } from "react";

import type { Drawable } from "./annotations";
import { assetUrl } from "./annotations";
import type { CaptionRequest } from "./label-layout";
import { layoutCaptions } from "./label-layout";

/** How the evaluator judged a shape: a true or false positive, a missed ground truth, a confusion. */
export type MatchKind = "tp" | "fp" | "fn" | "confused";
export type Shape = Drawable & { match?: MatchKind };

export interface Layer {
  /** Who drew it: "ground truth" or a model's name. */
  source: string;
  color: string;
  shapes: Shape[];
  /** Drawn over a dark outline (ground truth's white, which must show on light images too). */
  outline?: boolean;
}

/**
 * Line styles of the match kinds, the same in the overlay and its legend: a true positive solid, a false
 * positive dashed, a missed ground truth dotted and thicker, a confusion dash-dotted.
 */
export const MATCH_STYLE: Record<MatchKind, { dash?: string; width: number; name: string }> = {
  tp: { width: 2, name: "true positive" },
  fp: { dash: "6 4", width: 2, name: "false positive" },
  fn: { dash: "2 3", width: 3.5, name: "missed (false negative)" },
  confused: { dash: "8 3 2 3", width: 2, name: "confused with another class" },
};
const OUTLINE = "#1d2127";

/**
 * Annotations drawn over an image in the image's own pixel coordinates (the SVG's viewBox is the image size),
 * so they stay aligned at any display size. Lines and captions keep a constant on-screen size (non-scaling
 * strokes; captions sized by the measured scale), so a 4,000-pixel photo and a 96-pixel icon read alike.
 */
export function Overlay({
  width,
  height,
  layers,
  showLabels,
}: {
  width: number;
  height: number;
  layers: Layer[];
  showLabels: boolean;
}) {
  const ref = useRef<SVGSVGElement>(null);
  const scale = useDisplayScale(ref, width, height);
  const unit = Math.max(width, height) / 100;
  const captions: (CaptionRequest & { color: string })[] = showLabels
    ? layers.flatMap((layer) =>
        layer.shapes.flatMap((d) => {
          const text = captionOf(d);
          return d.kind === "box" && text
            ? [{ text, x: d.x, y: d.y, height: d.height, color: layer.color }]
            : [];
        }),
      )
    : [];
  const placed = layoutCaptions(captions, scale, { width, height });
  return (
    <svg
      ref={ref}
      className="overlay"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden
    >
      {layers.map((layer) => (
        <g key={layer.source} data-source={layer.source} stroke={layer.color} fill="none">
          {layer.shapes.map((d, i) => (
            <ShapeView key={i} shape={d} color={layer.color} unit={unit} outline={layer.outline} />
          ))}
        </g>
      ))}
      {placed.length > 0 && (
        <g className="captions" stroke={OUTLINE}>
          {placed.map((caption, i) => (
            <text
              key={i}
              x={caption.x}
              y={caption.y}
              fill={captions[caption.index]?.color}
              strokeWidth={3 / Math.max(scale, 1e-6)}
              fontSize={caption.height / 1.25}
              className="caption"
            >
              {caption.text}
            </text>
          ))}
        </g>
      )}
    </svg>
  );
}

/** Screen pixels per image pixel, as `preserveAspectRatio="meet"` scales the image (1 before layout). */
function useDisplayScale(ref: RefObject<SVGSVGElement | null>, width: number, height: number) {
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const svg = ref.current;
    if (!svg || typeof ResizeObserver === "undefined") return;
    const measure = () => {
      const { clientWidth, clientHeight } = svg;
      if (clientWidth > 0 && clientHeight > 0)
        setScale(Math.min(clientWidth / width, clientHeight / height));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    measure();
    return () => observer.disconnect();
  }, [ref, width, height]);
  return scale;
}

function captionOf(d: Shape): string | undefined {
  if (!("label" in d) || d.label === undefined || d.label === "") return undefined;
  return `${d.label}${"score" in d && d.score !== undefined ? ` ${d.score.toFixed(2)}` : ""}`;
}

function ShapeView({
  shape: d,
  color,
  unit,
  outline,
}: {
  shape: Shape;
  color: string;
  unit: number;
  outline: boolean | undefined;
}) {
  const style = MATCH_STYLE[d.match ?? "tp"];
  const stroke = {
    strokeWidth: style.width,
    strokeDasharray: style.dash,
    vectorEffect: "non-scaling-stroke" as const,
  };
  switch (d.kind) {
    case "box": {
      const rect = { x: d.x, y: d.y, width: d.width, height: d.height };
      return (
        <g data-kind="box" data-match={d.match}>
          {outline && <rect {...rect} {...stroke} strokeWidth={style.width + 2} stroke={OUTLINE} />}
          <rect {...rect} {...stroke} stroke={color} />
        </g>
      );
    }
    case "polygon":
      return (
        <polygon
          data-kind="polygon"
          data-match={d.match}
          points={d.points.map((p) => p.join(",")).join(" ")}
          fill={color}
          fillOpacity={0.15}
          {...stroke}
        />
      );
    case "polyline":
      return (
        <polyline
          data-kind="polyline"
          points={d.points.map((p) => p.join(",")).join(" ")}
          {...stroke}
        />
      );
    case "keypoints":
      return (
        <g data-kind="keypoints" fill={color}>
          {d.skeleton.map(([a, b], i) => {
            const from = d.points[a];
            const to = d.points[b];
            return from && to ? (
              <line key={`s${i}`} x1={from[0]} y1={from[1]} x2={to[0]} y2={to[1]} {...stroke} />
            ) : null;
          })}
          {d.points.map(([x, y], i) => (
            <circle key={i} cx={x} cy={y} r={unit * 0.8} stroke="none" />
          ))}
        </g>
      );
    case "mask":
      return (
        <image
          data-kind="mask"
          href={assetUrl(d.locator)}
          width="100%"
          height="100%"
          opacity={0.45}
          preserveAspectRatio="none"
        />
      );
    case "label":
      return null;
  }
}
