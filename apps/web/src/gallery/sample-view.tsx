import type { JsonValue } from "@assay/workflow";
import { useState } from "react";

import type { Drawable } from "./annotations";
import { assetUrl, collectDrawables } from "./annotations";
import type { Layer } from "./overlay";
import { Overlay } from "./overlay";

/** A sample as pages give it: its fields, metadata, ground truth and id. */
export interface SampleLine {
  id: number;
  testSample: Record<string, JsonValue>;
  metadata: Record<string, JsonValue>;
  groundTruth: Record<string, JsonValue>;
}

export interface Source {
  name: string;
  color: string;
  value: unknown;
}

/**
 * How a sample looks: an image with every annotation layer drawn over it, or text (or a media player) with the
 * labels given to it. Used by gallery tiles and the full-size view alike.
 */
export function SampleView({
  line,
  sources,
  large = false,
}: {
  line: SampleLine;
  sources: Source[];
  large?: boolean;
}) {
  const locator = typeof line.testSample.locator === "string" ? line.testSample.locator : undefined;
  const type = typeof line.testSample.dataType === "string" ? line.testSample.dataType : "";
  const layers: Layer[] = [
    {
      source: "sample",
      color: "#fab005",
      drawables: collectDrawables({ ...line.testSample, dataType: undefined }),
    },
    ...sources.map((source) => ({
      source: source.name,
      color: source.color,
      drawables: collectDrawables(source.value),
    })),
  ];
  const labels = layers.flatMap((layer) =>
    shownLabels(layer.drawables, large).map((d) => ({
      ...d,
      color: layer.color,
      source: layer.source,
    })),
  );
  const chips = labels.length > 0 && (
    <div className="chips">
      {labels.map((label, i) => (
        <span
          key={i}
          className="chip"
          style={{ borderColor: label.color, color: label.color }}
          title={label.source}
        >
          {label.label}
          {label.score !== undefined && ` ${label.score.toFixed(2)}`}
        </span>
      ))}
    </div>
  );
  const text = line.testSample.text;
  if (typeof text === "string") {
    return (
      <div className={`sample text${large ? " large" : ""}`}>
        <p>{text}</p>
        {chips}
      </div>
    );
  }
  if (
    locator &&
    (type === "TEST_SAMPLE/IMAGE" || /\.(png|jpe?g|gif|webp|bmp|svg)$/i.test(locator))
  ) {
    return (
      <div className={`sample image${large ? " large" : ""}`}>
        <ImageWithOverlay src={assetUrl(locator)} layers={layers} showLabels={large} />
        {chips}
      </div>
    );
  }
  if (locator && type === "TEST_SAMPLE/VIDEO")
    return <video className="sample media" src={assetUrl(locator)} controls={large} muted />;
  if (locator && type === "TEST_SAMPLE/AUDIO")
    return <audio className="sample media" src={assetUrl(locator)} controls />;
  return (
    <div className="sample other">
      <code>{locator ?? type}</code>
      {chips}
    </div>
  );
}

function ImageWithOverlay({
  src,
  layers,
  showLabels,
}: {
  src: string;
  layers: Layer[];
  showLabels: boolean;
}) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  if (failed) return <div className="broken">image unavailable</div>;
  return (
    <div className="frame">
      <img
        src={src}
        alt=""
        loading="lazy"
        onLoad={(event) =>
          setSize({
            width: event.currentTarget.naturalWidth,
            height: event.currentTarget.naturalHeight,
          })
        }
        onError={() => setFailed(true)}
      />
      {size && (
        <Overlay width={size.width} height={size.height} layers={layers} showLabels={showLabels} />
      )}
    </div>
  );
}

type LabelDrawable = Extract<Drawable, { kind: "label" }>;

/**
 * The labels a sample shows for one source. A tile shows the source's own labels (a prediction), or when it has
 * only lists of them (per-class scores) the best-scored one; the full-size view shows every label.
 */
function shownLabels(drawables: Drawable[], large: boolean): LabelDrawable[] {
  const labels = drawables.filter((d): d is LabelDrawable => d.kind === "label");
  if (large) return labels;
  const own = labels.filter((d) => !d.listed);
  if (own.length > 0) return own;
  const best = labels.reduce<LabelDrawable | undefined>(
    (top, d) => (top === undefined || (d.score ?? -Infinity) > (top.score ?? -Infinity) ? d : top),
    undefined,
  );
  return best ? [best] : [];
}
