import { assetUrl } from "./annotations";
import type { Drawable } from "./annotations";

export interface Layer {
  /** Who drew it: "ground truth" or a model's name. */
  source: string;
  color: string;
  drawables: Drawable[];
}

/**
 * Annotations drawn over an image in the image's own pixel coordinates (the SVG's viewBox is the image size),
 * so they stay aligned at any display size.
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
  // Lines keep a constant on-screen width at any zoom (non-scaling strokes); point and text sizes are in image
  // pixels, so they scale with the image like the shapes they mark.
  const stroke = 2;
  const unit = Math.max(width, height) / 100;
  return (
    <svg
      className="overlay"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden
    >
      {layers.map((layer) => (
        <g
          key={layer.source}
          data-source={layer.source}
          stroke={layer.color}
          fill="none"
          strokeWidth={stroke}
        >
          {layer.drawables.map((d, i) => (
            <Shape key={i} drawable={d} color={layer.color} unit={unit} showLabels={showLabels} />
          ))}
        </g>
      ))}
    </svg>
  );
}

function Shape({
  drawable: d,
  color,
  unit,
  showLabels,
}: {
  drawable: Drawable;
  color: string;
  unit: number;
  showLabels: boolean;
}) {
  const caption =
    "label" in d && d.label !== undefined
      ? `${d.label}${"score" in d && d.score !== undefined ? ` ${d.score.toFixed(2)}` : ""}`
      : undefined;
  switch (d.kind) {
    case "box":
      return (
        <g data-kind="box">
          <rect
            x={d.x}
            y={d.y}
            width={d.width}
            height={d.height}
            vectorEffect="non-scaling-stroke"
          />
          {showLabels && caption && (
            <Caption x={d.x} y={d.y} text={caption} color={color} size={unit * 4} />
          )}
        </g>
      );
    case "polygon":
      return (
        <polygon
          data-kind="polygon"
          points={d.points.map((p) => p.join(",")).join(" ")}
          fill={color}
          fillOpacity={0.15}
          vectorEffect="non-scaling-stroke"
        />
      );
    case "polyline":
      return (
        <polyline
          data-kind="polyline"
          points={d.points.map((p) => p.join(",")).join(" ")}
          vectorEffect="non-scaling-stroke"
        />
      );
    case "keypoints":
      return (
        <g data-kind="keypoints" fill={color}>
          {d.skeleton.map(([a, b], i) => {
            const from = d.points[a];
            const to = d.points[b];
            return from && to ? (
              <line
                key={`s${i}`}
                x1={from[0]}
                y1={from[1]}
                x2={to[0]}
                y2={to[1]}
                vectorEffect="non-scaling-stroke"
              />
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

function Caption({
  x,
  y,
  text,
  color,
  size,
}: {
  x: number;
  y: number;
  text: string;
  color: string;
  size: number;
}) {
  return (
    <text
      x={x}
      y={Math.max(size, y - size * 0.3)}
      fill={color}
      stroke="none"
      fontSize={size}
      className="caption"
    >
      {text}
    </text>
  );
}
